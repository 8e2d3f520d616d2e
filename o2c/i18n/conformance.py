"""The Conformance page: reference models, rules and their problems."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "conformance.problem.row": {"en": "Row {row} ({rule}): {text}", "zh": "第 {row} 行({rule}):{text}"},
    "conformance.problem.columns": {
        "en": "The rules table needs the columns {columns}.",
        "zh": "规则表缺少以下列:{columns}。",
    },
    "conformance.problem.name": {"en": "give the rule a name.", "zh": "请为规则命名。"},
    "conformance.problem.duplicate": {
        "en": "another rule already has this name; names must be unique.",
        "zh": "已有同名规则,规则名称不能重复。",
    },
    "conformance.problem.type": {
        "en": "type “{value}” is not one of: {types}.",
        "zh": "类型“{value}”无效,可选:{types}。",
    },
    "conformance.problem.severity": {
        "en": "severity “{value}” is not high, medium or low.",
        "zh": "严重程度“{value}”无效,可选 high、medium、low。",
    },
    "conformance.problem.activity": {"en": "name the activity.", "zh": "请填写活动(activity)。"},
    "conformance.problem.other": {
        "en": "name the second activity (other_activity).",
        "zh": "请填写第二个活动(other_activity)。",
    },
    "conformance.problem.same": {
        "en": "activity and other_activity are the same.",
        "zh": "activity 与 other_activity 相同。",
    },
    "conformance.problem.limit": {
        "en": "limit “{value}” is not a number of 0 or more.",
        "zh": "时限“{value}”不是大于或等于 0 的数字。",
    },
    "conformance.problem.unit": {
        "en": "unit “{value}” is not hours or days.",
        "zh": "单位“{value}”无效,请填写 hours 或 days。",
    },
    "conformance.problem.unit_missing": {
        "en": "give the limit a unit: hours or days.",
        "zh": "请为时限填写单位:hours 或 days。",
    },
    "conformance.problem.time_limit": {
        "en": "a time limit needs other_activity and a limit, or a date_field.",
        "zh": "时限规则需要 other_activity 加时限,或一个日期字段(date_field)。",
    },
    "conformance.problem.both": {
        "en": "give either other_activity or date_field, not both.",
        "zh": "other_activity 与 date_field 只能填写其一。",
    },
    "conformance.problem.allowed": {
        "en": "list the allowed roles or departments in allowed_values.",
        "zh": "请在 allowed_values 中列出允许的角色或部门。",
    },
    "conformance.problem.unknown_activity": {
        "en": "the data has no activity “{activity}”; the rule is not applicable.",
        "zh": "数据中没有活动“{activity}”,此规则不适用。",
    },
    "conformance.problem.date_field": {
        "en": "the orders have no date column “{field}”; the rule is skipped.",
        "zh": "订单数据中没有日期列“{field}”,已跳过此规则。",
    },
    "conformance.problem.attribute": {
        "en": "the events have no column “{attribute}”; the rule is skipped.",
        "zh": "事件数据中没有列“{attribute}”,已跳过此规则。",
    },
    "conformance.problem.no_people": {
        "en": "the events say nothing about who did them (resource, role, department); the rule is skipped.",
        "zh": "事件数据中没有执行人信息(resource、role、department),已跳过此规则。",
    },
    "conformance.detail.precedence.missing": {"en": "{b} on {tb} with no {a} before it", "zh": "{tb} {b},之前没有{a}"},
    "conformance.detail.precedence.late": {"en": "{b} on {tb}, {a} only on {ta}", "zh": "{tb} {b},{a}在 {ta} 才发生"},
    "conformance.detail.existence": {"en": "{a} never happened", "zh": "从未{a}"},
    "conformance.detail.absence": {"en": "{a} on {ta}", "zh": "{ta} {a}"},
    "conformance.detail.absence.after": {"en": "{a} on {ta}, after {b} on {tb}", "zh": "{ta} {a},在 {tb} {b}之后"},
    "conformance.detail.limit.late": {
        "en": "{b} {elapsed} after {a} (limit {limit})",
        "zh": "{a}后 {elapsed} 才{b}(时限 {limit})",
    },
    "conformance.detail.limit.open": {
        "en": "no {b} yet, {elapsed} after {a} (limit {limit})",
        "zh": "{a}后已过 {elapsed},仍未{b}(时限 {limit})",
    },
    "conformance.detail.date.late": {
        "en": "{a} on {ta}, {late} after {field} {date}",
        "zh": "{ta} {a},比{field} {date} 晚 {late}",
    },
    "conformance.detail.date.open": {"en": "no {a} yet; {field} was {date}", "zh": "仍未{a};{field}为 {date}"},
    "conformance.detail.four_eyes": {"en": "{who} did both {a} and {b}", "zh": "{who} 同时执行了{a}和{b}"},
    "conformance.detail.authorised": {"en": "{a} by {who} ({value})", "zh": "{a}由 {who}({value})执行"},
    "conformance.title": {"en": "Conformance", "zh": "合规检查"},
    "conformance.section": {"en": "Section", "zh": "部分"},
    "conformance.section.violations": {"en": "Rule violations", "zh": "规则违规"},
    "conformance.section.model": {"en": "Reference process", "zh": "参考流程"},
    "conformance.section.rules": {"en": "Edit rules", "zh": "编辑规则"},
    "conformance.orders": {"en": "Orders", "zh": "订单数"},
    "conformance.adherence": {"en": "Adherence", "zh": "合规率"},
    "conformance.adherence.axis": {"en": "Adherence (%)", "zh": "合规率(%)"},
    "conformance.adherence.help": {
        "en": "Orders that break none of the rules, out of the orders shown.",
        "zh": "未违反任何规则的订单占所显示订单的比例。",
    },
    "conformance.violating": {"en": "Orders with a violation", "zh": "有违规的订单"},
    "conformance.broken": {"en": "Rules broken", "zh": "被违反的规则"},
    "conformance.broken.value": {"en": "{broken} of {rules}", "zh": "{broken} / {rules}"},
    "conformance.period": {"en": "Period", "zh": "周期"},
    "conformance.period.week": {"en": "Week", "zh": "周"},
    "conformance.period.month": {"en": "Month", "zh": "月"},
    "conformance.split": {"en": "Split by", "zh": "拆分依据"},
    "conformance.split.none": {"en": "No split", "zh": "不拆分"},
    "conformance.split.missing": {"en": "(missing)", "zh": "(缺失)"},
    "conformance.trend.adherent": {"en": "Orders without violation", "zh": "无违规订单"},
    "conformance.table.rule": {"en": "Rule", "zh": "规则"},
    "conformance.table.severity": {"en": "Severity", "zh": "严重程度"},
    "conformance.table.share": {"en": "Share", "zh": "占比"},
    "conformance.table.trend": {"en": "Share per {period}", "zh": "每{period}占比"},
    "conformance.table.last": {"en": "Latest", "zh": "最近一次"},
    "conformance.table.pick": {
        "en": "Select a rule to see its slowest and most recent violations.",
        "zh": "选择一条规则,查看耗时最长和最近的违规订单。",
    },
    "conformance.severity.high": {"en": "High", "zh": "高"},
    "conformance.severity.medium": {"en": "Medium", "zh": "中"},
    "conformance.severity.low": {"en": "Low", "zh": "低"},
    "conformance.rule.clean": {"en": "No order in view breaks this rule.", "zh": "当前订单均未违反此规则。"},
    "conformance.examples": {"en": "Examples", "zh": "示例"},
    "conformance.examples.slowest": {"en": "Slowest orders", "zh": "耗时最长的订单"},
    "conformance.examples.recent": {"en": "Most recent", "zh": "最近的违规"},
    "conformance.examples.order": {"en": "Order", "zh": "订单"},
    "conformance.examples.account": {"en": "Account", "zh": "客户"},
    "conformance.examples.details": {"en": "What happened", "zh": "违规情况"},
    "conformance.examples.when": {"en": "When", "zh": "时间"},
    "conformance.examples.duration": {"en": "End to end", "zh": "端到端时间"},
    "conformance.open_order": {"en": "Open order {order} in the Order explorer", "zh": "在订单浏览中打开订单 {order}"},
    "conformance.export.csv": {"en": "Violations (CSV)", "zh": "违规订单(CSV)"},
    "conformance.export.xlsx": {"en": "Violations (Excel)", "zh": "违规订单(Excel)"},
    "conformance.rules.none": {
        "en": "There are no rules to check. Add some under Edit rules.",
        "zh": "没有可检查的规则。请在“编辑规则”中添加。",
    },
    "conformance.rules.default": {
        "en": "The standard O2C rules. Edit a cell, add rows at the bottom or delete rows; the other sections use the "
        "rules at once. Hover over a column title for what it means.",
        "zh": "标准 O2C 规则。可编辑单元格、在底部添加行或删除行,修改会立即生效。将鼠标悬停在列标题上可查看说明。",
    },
    "conformance.rules.workbook": {
        "en": "The rules from the Rules sheet of your workbook. Edit a cell, add rows at the bottom or delete rows; "
        "the other sections use the rules at once.",
        "zh": "来自工作簿 Rules 工作表的规则。可编辑单元格、在底部添加行或删除行,修改会立即生效。",
    },
    "conformance.rules.reset": {"en": "Reset to the standard rules", "zh": "恢复为标准规则"},
    "conformance.problems": {"en": "These rules were left out or need a look:", "zh": "以下规则被跳过或需要检查:"},
    "conformance.problems.short": {
        "en": "{n} rule problem(s): see Edit rules.",
        "zh": "{n} 个规则问题,请查看“编辑规则”。",
    },
    "conformance.sheet_problems": {
        "en": "Rows of your workbook's Rules sheet that were left out:",
        "zh": "工作簿 Rules 工作表中被跳过的行:",
    },
    "conformance.col.rule": {"en": "Rule", "zh": "规则"},
    "conformance.col.rule.help": {"en": "A short unique name.", "zh": "简短且唯一的名称。"},
    "conformance.col.type": {"en": "Type", "zh": "类型"},
    "conformance.col.type.help": {
        "en": "precedence: activity before the second activity. existence: activity must happen (in orders that reach "
        "the second activity, if given). absence: activity must not happen (after the second activity, if given)"
        ". time_limit: from activity to the second activity within the limit, or activity by the date field. "
        "four_eyes: one person must not do both activities. authorised: activity only by the allowed roles or "
        "departments.",
        "zh": "precedence:活动须先于第二个活动。existence:活动必须发生(如填写第二个活动,则仅针对到达该活动的订单)。"
        "absence:活动不得发生(如填写第二个活动,则指不得在其之后发生)。time_limit:从活动到第二个活动不超过时限,"
        "或活动须在日期字段当天结束前发生。four_eyes:同一人不得执行两个活动。authorised:活动只能由允许的角色或"
        "部门执行。",
    },
    "conformance.col.activity": {"en": "Activity", "zh": "活动"},
    "conformance.col.other": {"en": "Second activity", "zh": "第二个活动"},
    "conformance.col.other.help": {
        "en": "The second activity of precedence, four-eyes and time-limit rules; the scope of existence and absence "
        "rules.",
        "zh": "precedence、four_eyes 和 time_limit 规则的第二个活动;existence 和 absence 规则的适用范围。",
    },
    "conformance.col.limit": {"en": "Limit", "zh": "时限"},
    "conformance.col.limit.help": {
        "en": "Time limit; with a date field, extra grace time.",
        "zh": "时限;使用日期字段时为额外宽限时间。",
    },
    "conformance.col.unit": {"en": "Unit", "zh": "单位"},
    "conformance.col.date": {"en": "Date field", "zh": "日期字段"},
    "conformance.col.date.help": {
        "en": "An order date the activity must happen by (end of that day, UTC).",
        "zh": "活动须在该订单日期当天结束前(UTC)发生。",
    },
    "conformance.col.attribute": {"en": "Who", "zh": "执行人字段"},
    "conformance.col.attribute.help": {
        "en": "Four eyes: the column naming the person (resource). Authorised: role, department or resource; empty "
        "means role or department.",
        "zh": "four_eyes:标识执行人的列(resource)。authorised:role、department 或 resource;留空表示角色或部门。",
    },
    "conformance.col.allowed": {"en": "Allowed", "zh": "允许的取值"},
    "conformance.col.allowed.help": {
        "en": "Authorised: allowed roles or departments, separated by commas.",
        "zh": "authorised:允许的角色或部门,用逗号分隔。",
    },
    "conformance.col.severity": {"en": "Severity", "zh": "严重程度"},
    "conformance.col.description": {"en": "Description", "zh": "说明"},
    "conformance.model.source": {"en": "Reference process", "zh": "参考流程"},
    "conformance.model.standard": {"en": "Standard O2C", "zh": "标准 O2C"},
    "conformance.model.bpmn": {"en": "Your BPMN file", "zh": "您的 BPMN 文件"},
    "conformance.model.variants": {"en": "Chosen variants", "zh": "选定变体"},
    "conformance.model.open": {"en": "Include open orders", "zh": "包含未完成订单"},
    "conformance.model.open.help": {
        "en": "Orders still running when the data was extracted have not reached the end of the process yet. By "
        "default only finished and cancelled orders are checked.",
        "zh": "数据导出时仍在进行的订单尚未走完流程。默认只检查已完成和已取消的订单。",
    },
    "conformance.model.upload": {"en": "BPMN 2.0 file", "zh": "BPMN 2.0 文件"},
    "conformance.model.upload.hint": {
        "en": "Upload a BPMN file (for example the standard model, downloaded and edited in a BPMN tool) to check the "
        "orders against it.",
        "zh": "上传 BPMN 文件(例如下载标准模型并在 BPMN 工具中修改后)以检查订单。",
    },
    "conformance.model.variants.pick": {"en": "Variants that are your standard", "zh": "作为标准的变体"},
    "conformance.model.variants.placeholder": {"en": "Pick one or more variants", "zh": "选择一个或多个变体"},
    "conformance.model.variant": {
        "en": "#{rank} · {orders:,} orders · {path}",
        "zh": "#{rank} · {orders:,} 个订单 · {path}",
    },
    "conformance.model.without": {"en": "without {steps}", "zh": "缺少 {steps}"},
    "conformance.model.spinner": {"en": "Replaying the orders on the model…", "zh": "正在用模型回放订单…"},
    "conformance.model.fitness": {"en": "Fitness", "zh": "拟合度"},
    "conformance.model.fitness.help": {
        "en": "Token-based replay (pm4py): 1.000 when every order's steps fit the model; lower the more steps are "
        "missing or left over.",
        "zh": "基于令牌的回放(pm4py):所有订单的步骤都符合模型时为 1.000,缺失或多余的步骤越多越低。",
    },
    "conformance.model.fitting": {"en": "Orders that fit", "zh": "符合模型的订单"},
    "conformance.model.fitting.help": {
        "en": "{fitting:,} of {orders:,} orders follow a path the model allows.",
        "zh": "{orders:,} 个订单中有 {fitting:,} 个遵循模型允许的路径。",
    },
    "conformance.model.checked": {"en": "Orders checked", "zh": "检查的订单"},
    "conformance.model.checked.help": {"en": "Of {orders:,} orders shown.", "zh": "共显示 {orders:,} 个订单。"},
    "conformance.model.steps": {"en": "Standard process: {steps}", "zh": "标准流程:{steps}"},
    "conformance.model.optional": {"en": "optional", "zh": "可选"},
    "conformance.model.repeatable": {"en": "any number", "zh": "可多次"},
    "conformance.model.download": {"en": "Download the model (BPMN)", "zh": "下载模型(BPMN)"},
    "conformance.model.error.doctype": {
        "en": "The file declares a DOCTYPE or entities, which are not accepted. Save it again from your BPMN tool.",
        "zh": "文件包含 DOCTYPE 或实体声明,无法接受。请在 BPMN 工具中重新保存。",
    },
    "conformance.model.error.read": {
        "en": "The file could not be read as a BPMN 2.0 model.",
        "zh": "无法将该文件读取为 BPMN 2.0 模型。",
    },
    "conformance.model.error.empty": {"en": "The model has no tasks.", "zh": "模型中没有任务。"},
    "conformance.model.error.no_variants": {"en": "Pick at least one variant.", "zh": "请至少选择一个变体。"},
    "conformance.deviations": {"en": "Deviations", "zh": "偏差"},
    "conformance.deviations.caption": {
        "en": "How the orders that do not fit leave the model (found with alignments), and the median end-to-end time "
        "of orders with and without each deviation.",
        "zh": "不符合模型的订单如何偏离模型(通过对齐计算),以及有无该偏差的订单的端到端时间中位数。",
    },
    "conformance.deviations.button": {"en": "Find deviations", "zh": "查找偏差"},
    "conformance.deviations.spinner": {"en": "Aligning the orders with the model…", "zh": "正在将订单与模型对齐…"},
    "conformance.deviations.stopped": {
        "en": "Stopped after {seconds} s: the deviations cover {covered:,} of {orders:,} orders checked. Click Find "
        "deviations again to continue.",
        "zh": "{seconds} 秒后停止:偏差覆盖了 {orders:,} 个检查订单中的 {covered:,} 个。再次点击“查找偏差”继续。",
    },
    "conformance.deviations.none": {"en": "Every order checked fits the model.", "zh": "所有检查的订单都符合模型。"},
    "conformance.deviations.kind": {"en": "Deviation", "zh": "偏差"},
    "conformance.deviations.with": {"en": "Median with", "zh": "有偏差中位数"},
    "conformance.deviations.without": {"en": "Median without", "zh": "无偏差中位数"},
    "conformance.deviations.extra": {"en": "Time cost", "zh": "时间成本"},
    "conformance.deviations.extra.help": {
        "en": "Median end-to-end time with the deviation minus without it.",
        "zh": "有偏差订单的端到端时间中位数减去无偏差订单的中位数。",
    },
    "conformance.deviations.pick": {
        "en": "Select a deviation to see example orders.",
        "zh": "选择一个偏差,查看示例订单。",
    },
    "conformance.deviations.examples": {
        "en": "Slowest orders with {kind}: {activity}",
        "zh": "{kind}:{activity} 耗时最长的订单",
    },
    "conformance.kind.skipped": {"en": "Skipped step", "zh": "跳过步骤"},
    "conformance.kind.out_of_order": {"en": "Step out of order", "zh": "步骤顺序错误"},
    "conformance.kind.repeated": {"en": "Repeated step", "zh": "重复步骤"},
    "conformance.kind.unexpected": {"en": "Unexpected step", "zh": "意外步骤"},
    "conformance.rules.no_fit": {
        "en": "None of the rules names only activities this data has, so no order can break them and adherence is not "
        "shown. Adapt the rules below to your activity names.",
        "zh": "没有任何规则只涉及本数据中存在的活动,因此不会有订单违反规则,也不显示遵从率。请在下方按您的活动名称调整"
        "规则。",
    },
    "conformance.lacks.people": {"en": "who did the work", "zh": "执行人信息"},
    "conformance.na": {"en": "not applicable: {reasons}.", "zh": "不适用:{reasons}。"},
    "conformance.na.attribute": {
        "en": "the events have no column “{attribute}”",
        "zh": "事件数据中没有列“{attribute}”",
    },
    "conformance.na.date_field": {
        "en": "the orders have no date column “{field}”",
        "zh": "订单数据中没有日期列“{field}”",
    },
    "conformance.na.no_people": {"en": "the events do not say who did them", "zh": "事件数据未说明执行人"},
    "conformance.na.unknown_activity": {"en": "the data has no “{activity}” step", "zh": "数据中没有“{activity}”步骤"},
    "conformance.no_rules": {"en": "there are no rules.", "zh": "没有规则。"},
    "conformance.none_applicable": {
        "en": "rules that fit the data (none of the {n} rules applies; the data lacks {lacking})",
        "zh": "适用于数据的规则({n} 条规则均不适用;数据中缺少 {lacking})",
    },
    "conformance.not_applicable": {"en": "the data cannot show this rule.", "zh": "数据无法检查此规则。"},
    "conformance.default_rule.credit_before_activation": {
        "en": "Credit check before activation",
        "zh": "激活前先通过信用检查",
    },
    "conformance.default_rule.credit_before_activation.description": {
        "en": "An order is activated only after its credit check has passed.",
        "zh": "订单只有在信用检查通过后才会激活。",
    },
    "conformance.default_rule.credit_before_shipping": {
        "en": "Credit check before shipping",
        "zh": "发货前须通过信用检查",
    },
    "conformance.default_rule.credit_before_shipping.description": {
        "en": "No goods ship without a passed credit check, whatever the order amount.",
        "zh": "无论订单金额多少,未通过信用检查的货物一律不得发出。",
    },
    "conformance.default_rule.shipped_before_invoiced": {"en": "Shipped before invoiced", "zh": "先发货后开票"},
    "conformance.default_rule.shipped_before_invoiced.description": {
        "en": "Invoices are created only for goods that have left the warehouse.",
        "zh": "只为已出库的货物开具发票。",
    },
    "conformance.default_rule.invoiced_before_paid": {"en": "Invoiced before paid", "zh": "先开票后收款"},
    "conformance.default_rule.invoiced_before_paid.description": {
        "en": "A payment is booked against an existing invoice.",
        "zh": "付款应对应已开具的发票入账。",
    },
    "conformance.default_rule.no_change_after_confirmation": {
        "en": "No change after confirmation",
        "zh": "确认后不再更改",
    },
    "conformance.default_rule.no_change_after_confirmation.description": {
        "en": "Once the customer has the confirmation, the order is not changed.",
        "zh": "客户收到确认后,订单不再更改。",
    },
    "conformance.default_rule.four_eyes_on_credit": {"en": "Four eyes on credit", "zh": "信用检查四眼原则"},
    "conformance.default_rule.four_eyes_on_credit.description": {
        "en": "Whoever creates an order must not pass its credit check.",
        "zh": "创建订单的人不得通过该订单的信用检查。",
    },
    "conformance.default_rule.credit_by_credit_control": {
        "en": "Credit checks by Credit Control",
        "zh": "信用检查由信用控制部门执行",
    },
    "conformance.default_rule.credit_by_credit_control.description": {
        "en": "Only the Credit Control department passes credit checks.",
        "zh": "只有信用控制部门可以通过信用检查。",
    },
    "conformance.default_rule.activated_within_3_days": {"en": "Activated within 3 days", "zh": "3 天内激活"},
    "conformance.default_rule.activated_within_3_days.description": {
        "en": "Orders are activated within 3 days of their creation.",
        "zh": "订单在创建后 3 天内激活。",
    },
    "conformance.default_rule.shipped_by_promised_date": {"en": "Shipped by promised date", "zh": "按承诺日期发货"},
    "conformance.default_rule.shipped_by_promised_date.description": {
        "en": "Goods leave the warehouse by the date promised to the customer.",
        "zh": "货物在向客户承诺的日期前出库。",
    },
    "conformance.default_rule.delivered_by_requested_date": {
        "en": "Delivered by requested date",
        "zh": "按要求日期交付",
    },
    "conformance.default_rule.delivered_by_requested_date.description": {
        "en": "The customer has the goods by the date they asked for.",
        "zh": "客户在其要求的日期前收到货物。",
    },
    "conformance.default_rule.paid_by_due_date": {"en": "Paid by due date", "zh": "到期前付款"},
    "conformance.default_rule.paid_by_due_date.description": {
        "en": "Customers pay by the invoice due date.",
        "zh": "客户在发票到期日前付款。",
    },
}
