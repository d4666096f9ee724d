"""The public URLs of catalogue objects (one place, so the API, DCAT and schema.org agree)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Links:
    base: str                      # e.g. "https://opendata.city.tottori.lg.jp" (no trailing slash)

    def __post_init__(self) -> None:
        object.__setattr__(self, "base", self.base.rstrip("/"))

    def dataset(self, dataset_id: str) -> str:
        return f"{self.base}/api/v1/datasets/{quote(dataset_id, safe='')}"

    def dataset_format(self, dataset_id: str, fmt: str) -> str:
        return f"{self.dataset(dataset_id)}?format={fmt}"

    def versions(self, dataset_id: str) -> str:
        return f"{self.dataset(dataset_id)}/versions"

    def version(self, dataset_id: str, number: int) -> str:
        return f"{self.dataset(dataset_id)}/versions/{number}"

    def download(self, dataset_id: str, number: int | None, name: str) -> str:
        """A versioned (immutable) download, or the current version's when ``number`` is None."""
        head = self.version(dataset_id, number) if number is not None else self.dataset(dataset_id)
        return f"{head}/download/{quote(name, safe='')}"

    def rows(self, dataset_id: str) -> str:
        return f"{self.dataset(dataset_id)}/rows"

    def diff(self, dataset_id: str) -> str:
        return f"{self.dataset(dataset_id)}/diff"

    def schema(self, schema_id: str) -> str:
        return f"{self.base}/api/v1/schemas/{schema_id}"

    def organization(self, org_id: str) -> str:
        return f"{self.base}/api/v1/organizations/{quote(org_id, safe='')}"

    def catalog(self, ext: str = "jsonld") -> str:
        return f"{self.base}/catalog.{ext}"

    def theme(self, theme: str) -> str:
        return f"{self.base}/api/v1/datasets?theme={quote(theme, safe='')}"
