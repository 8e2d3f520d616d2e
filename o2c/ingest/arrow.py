"""Arrow tables (parquet, CSV) to pandas frames whose repetitive text columns are categoricals.

A million-order log has ~11 million rows per column. Hashing each text column once in Arrow (on both cores,
without the GIL) and handing pandas codes plus distinct values lets the loader clean, compare and sort codes
instead of converting and hashing millions of Python strings again. Text that hardly repeats (timestamps
written as text) stays a string column, which the timestamp parser reads faster.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from o2c.log.eventlog import unique_categorical

CARDINALITY_SAMPLE = 100_000  # rows looked at to tell repetitive text from unique text


def parquet_frame(data: bytes) -> pd.DataFrame:
    """The frame ``pd.read_parquet`` gives, with text columns read as Arrow dictionaries (no string per row
    is materialised) and turned into categoricals."""
    schema = pq.read_schema(pa.BufferReader(data))
    index = _index_columns(schema)
    text = [f.name for f in schema if f.name not in index and _is_text(f.type)]
    categories = [
        f.name for f in schema if f.name not in index and pa.types.is_dictionary(f.type) and _is_text(f.type.value_type)
    ]  # pandas categoricals
    table = pq.read_table(pa.BufferReader(data), use_pandas_metadata=True, read_dictionary=text)
    return _frame(table, {name: _from_dictionaries for name in text + categories})


def text_table_frame(table: pa.Table) -> pd.DataFrame:
    """A frame of a table of text columns (a CSV read by Arrow): repetitive ones as categoricals."""
    return _frame(table, {f.name: _from_text for f in table.schema if _is_text(f.type)})


def _frame(table: pa.Table, converters: dict[str, Callable[[pa.ChunkedArray], pd.Categorical | None]]) -> pd.DataFrame:
    """``table.to_pandas()`` (index and dtypes from pandas metadata included), with the named columns
    converted by their converter instead (a None result keeps pandas' own conversion)."""
    index = _index_columns(table.schema)
    data_fields = [i for i, f in enumerate(table.schema) if f.name not in index]
    chosen = {position: i for position, i in enumerate(data_fields) if table.schema.field(i).name in converters}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # Arrow hashes without the GIL
        columns = [table.column(i) for i in chosen.values()]
        convert = [converters[table.schema.field(i).name] for i in chosen.values()]
        converted = dict(zip(chosen, pool.map(lambda c, f: f(c), columns, convert)))
    converted = {position: values for position, values in converted.items() if values is not None}
    placeholder = pa.array(np.zeros(len(table), dtype=np.int8))  # keeps the column's place, cheaply
    for position in converted:
        i = chosen[position]
        table = table.set_column(i, table.schema.field(i).name, placeholder)
    frame = table.to_pandas()
    for position, values in converted.items():
        frame.isetitem(position, values)
    return frame


def _from_text(column: pa.ChunkedArray) -> pd.Categorical | None:
    """A string column as a categorical when its first rows repeat (at most half of them distinct)."""
    head = column.slice(0, CARDINALITY_SAMPLE)
    if pc.count_distinct(head).as_py() > len(head) // 2:
        return None
    encoded = pc.dictionary_encode(column)  # one dictionary, shared by every chunk
    if encoded.num_chunks == 0:
        return unique_categorical(np.empty(0, dtype=np.int32), pd.Index([], dtype=str))
    codes = pa.chunked_array([chunk.indices for chunk in encoded.chunks]).combine_chunks().fill_null(-1)
    return unique_categorical(
        codes.to_numpy(zero_copy_only=False), _categories(encoded.chunk(encoded.num_chunks - 1).dictionary)
    )


def _from_dictionaries(column: pa.ChunkedArray) -> pd.Categorical | pd.arrays.ArrowStringArray:
    """A dictionary column read from parquet, whose chunks carry their row group's dictionary, as one
    categorical: the distinct dictionaries are hashed together once and each chunk's codes remapped.
    Text that hardly repeats comes back as strings."""
    chunks = [chunk for chunk in column.chunks if len(chunk)]
    if not chunks:
        return unique_categorical(np.empty(0, dtype=np.int32), pd.Index([], dtype=str))
    keys, distinct = _distinct_dictionaries(chunks)
    starts = dict(zip(distinct, np.cumsum([0] + [len(d) for d in distinct.values()])[:-1]))
    merged = pa.chunked_array(list(distinct.values()), type=column.type.value_type)
    if merged.nbytes >= 2**31 - 1 and pa.types.is_string(merged.type):
        merged = merged.cast(pa.large_string())  # 32-bit offsets cannot hold them in one array
    encoded = pc.dictionary_encode(merged.combine_chunks())
    if len(encoded.dictionary) > column.length() // 2:
        return pd.array(column.cast(column.type.value_type), dtype=str)
    merged_codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32)
    # Per dictionary: its entries' merged codes, then -1 for a missing value (index = dictionary size).
    local = {key: np.append(merged_codes[starts[key] : starts[key] + key[2]], np.int32(-1)) for key in distinct}
    codes = np.empty(column.length(), dtype=np.int32)
    at = 0
    for key, chunk in zip(keys, chunks):  # per chunk (thousands of rows), not per row
        indices = chunk.indices.fill_null(key[2]) if chunk.indices.null_count else chunk.indices
        codes[at : at + len(chunk)] = local[key][indices.to_numpy(zero_copy_only=False)]
        at += len(chunk)
    return unique_categorical(codes, _categories(encoded.dictionary))


def _distinct_dictionaries(chunks: list[pa.DictionaryArray]) -> tuple[list[tuple], dict[tuple, pa.Array]]:
    """A key per chunk and the distinct dictionaries by key. Chunks of one row group share their dictionary's
    buffers; pandas writes a categorical's whole dictionary into every row group, so a dictionary equal to the
    previous one is recognised (a memory comparison) and hashed only once."""
    keys: list[tuple] = []
    distinct: dict[tuple, pa.Array] = {}
    last: tuple | None = None
    for chunk in chunks:
        dictionary = chunk.dictionary
        key = (dictionary.buffers()[1].address, dictionary.offset, len(dictionary))
        if key not in distinct and last is not None and distinct[last].equals(dictionary):
            key = last
        distinct.setdefault(key, dictionary)
        keys.append(key)
        last = key
    return keys, distinct


def _categories(dictionary: pa.Array) -> pd.Index:
    """Distinct, non-missing values from Arrow (as dictionary_encode returns them) as a str index."""
    return pd.Index(pd.array(dictionary, dtype=str))


def _index_columns(schema: pa.Schema) -> set[str]:
    metadata = schema.pandas_metadata or {}
    return {name for name in metadata.get("index_columns", []) if isinstance(name, str)}


def _is_text(kind: pa.DataType) -> bool:
    return pa.types.is_string(kind) or pa.types.is_large_string(kind)
