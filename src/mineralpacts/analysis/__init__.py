"""Questions about agreements: filters, lifecycle and deadlines, differences, counts."""
