"""Publishing: the tabular layout, exports, and Markdown, HTML and the static site."""
