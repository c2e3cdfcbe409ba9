"""Agreement files on disk: safe YAML reading with positions, canonical writing (fmt, new), atomic writes."""
