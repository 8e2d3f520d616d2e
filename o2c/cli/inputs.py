"""What a command reads: a file as it is, or a dataset folder kept by ``extract --incremental`` as one event table."""

from __future__ import annotations

from pathlib import Path

from o2c.ingest.salesforce.dataset import dataset_log_bytes, is_dataset


def exists(path: Path) -> bool:
    """Whether ``path`` is a file or a dataset folder."""
    return path.is_file() or is_dataset(path)


def read_input(path: Path) -> tuple[bytes, str]:
    """The bytes to load and the name to load them under; raises ``ExtractError`` for an empty dataset."""
    if is_dataset(path):
        return dataset_log_bytes(path), f"{path.name}.parquet"
    return path.read_bytes(), path.name
