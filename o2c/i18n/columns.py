"""Column labels: the template's columns as users read them (o2c.log.columns.column_label).

A column without an entry is shown by its name with spaces.
"""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "columns.activity": {"en": "activity", "zh": "活动"},
    "columns.timestamp": {"en": "timestamp", "zh": "时间"},
    "columns.resource": {"en": "resource", "zh": "执行人"},
    "columns.role": {"en": "role", "zh": "角色"},
    "columns.department": {"en": "department", "zh": "部门"},
    "columns.document_id": {"en": "document id", "zh": "单据编号"},
    "columns.event_amount": {"en": "event amount", "zh": "金额"},
    "columns.source_object": {"en": "source object", "zh": "来源对象"},
    "columns.source_field": {"en": "source field", "zh": "字段"},
    "columns.old_value": {"en": "old value", "zh": "原值"},
    "columns.new_value": {"en": "new value", "zh": "新值"},
    "columns.comment": {"en": "comment", "zh": "备注"},
    "columns.user_type": {"en": "user type", "zh": "用户类型"},
    "columns.case_id": {"en": "case id", "zh": "订单编号"},
    "columns.order_number": {"en": "order number", "zh": "订单号码"},
    "columns.account_name": {"en": "account name", "zh": "客户"},
    "columns.account_id": {"en": "account id", "zh": "客户编号"},
    "columns.sales_channel": {"en": "sales channel", "zh": "销售渠道"},
    "columns.region": {"en": "region", "zh": "区域"},
    "columns.country": {"en": "country", "zh": "国家"},
    "columns.owner": {"en": "owner", "zh": "负责人"},
    "columns.order_type": {"en": "order type", "zh": "订单类型"},
    "columns.order_date": {"en": "order date", "zh": "下单日期"},
    "columns.order_amount": {"en": "order amount", "zh": "订单金额"},
    "columns.currency": {"en": "currency", "zh": "币种"},
    "columns.number_of_lines": {"en": "number of lines", "zh": "行数"},
    "columns.requested_delivery_date": {"en": "requested delivery date", "zh": "要求交货日期"},
    "columns.promised_date": {"en": "promised date", "zh": "承诺日期"},
    "columns.actual_delivery_date": {"en": "actual delivery date", "zh": "实际交货日期"},
    "columns.payment_terms": {"en": "payment terms", "zh": "付款条件"},
    "columns.invoice_number": {"en": "invoice number", "zh": "发票号"},
    "columns.invoice_date": {"en": "invoice date", "zh": "开票日期"},
    "columns.invoice_due_date": {"en": "invoice due date", "zh": "到期日"},
    "columns.invoice_amount": {"en": "invoice amount", "zh": "发票金额"},
    "columns.payment_status": {"en": "payment status", "zh": "付款状态"},
    "columns.carrier": {"en": "carrier", "zh": "承运商"},
    "columns.warehouse": {"en": "warehouse", "zh": "仓库"},
    "columns.industry": {"en": "industry", "zh": "行业"},
    "columns.current_status": {"en": "current status", "zh": "订单状态"},
}
