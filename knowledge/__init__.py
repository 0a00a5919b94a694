"""The knowledge base: curated content, its sources, loading and validation, and Danish search."""
