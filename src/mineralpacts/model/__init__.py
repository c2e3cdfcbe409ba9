"""The data model: agreement classes, partial dates, vocabularies and parties, and the JSON Schema generated from them."""
