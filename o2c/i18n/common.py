"""Text shared by several pages."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "common.no_data": {
        "en": "No data yet. Load a file or the sample on the Data page.",
        "zh": "尚无数据。请在“数据”页上传文件或加载示例。",
    },
    "common.empty": {"en": "No orders match the filters.", "zh": "没有符合筛选条件的订单。"},
    "common.activity": {"en": "Activity", "zh": "活动"},
}
