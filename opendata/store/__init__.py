"""The catalogue store: SQLAlchemy models, Alembic migrations, content-addressed files, search, rows.

Public API::

    from opendata.store import Settings, Store
    store = Store(Settings.from_env())      # OPENDATA_DATABASE_URL, OPENDATA_DATA_DIR
    store.migrate()
    store.publish_version(dataset_id, original_upload_path, converted_csv_path, report, recipe)
"""

from .files import Blob, FileStore
from .meta import DatasetMeta, MetadataError, OrganizationMeta
from .models import Dataset, DatasetFacet, DatasetSearch, Distribution, Organization, StoredFile, Version
from .settings import Settings
from .store import Store, StoreError, rows_spec, summarise_report

__all__ = ["Blob", "Dataset", "DatasetFacet", "DatasetMeta", "DatasetSearch", "Distribution", "FileStore",
           "MetadataError", "Organization", "OrganizationMeta", "Settings", "Store", "StoreError", "StoredFile",
           "Version", "rows_spec", "summarise_report"]
