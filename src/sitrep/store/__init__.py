"""The SQLite store of documents, reports and linked events (see schema.sql)."""
from .sqlite import Store, content_hash, document_hash

__all__ = ["Store", "content_hash", "document_hash"]
