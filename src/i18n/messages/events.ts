// Event funnels: recognising an event export, the conversion rule and its window, time to
// convert, skipped steps, drop-off lists and entry periods. Same keys in both languages.
export const events = {
  en: {
    'map.shape.events': 'Events: one row per event (person, event, time)',
    'map.source.events': 'Events',
    'map.template.events-shop': 'shop events',
    'map.template.ga4': 'GA4 e-commerce',
    'map.template.leads': 'lead lifecycle',
    'map.field.person': 'Person',
    'map.field.event': 'Event',
    'map.field.time': 'Time',
    'map.field.window': 'Conversion window',
    'map.problem.no-event-columns': 'Choose the person, event and time columns.',
    'map.problem.not-time':
      '{field}: “{column}” holds neither date-times nor epoch numbers (seconds, ms or µs).',
    'map.problem.stage-needs-event': 'Step “{stage}” needs at least one event.',
    'map.problem.bad-window': 'The conversion window must be longer than zero.',
    'map.problem.too-many-steps': 'An event funnel has at most 30 steps.',
    'map.problem.bad-exclusion':
      'An exclusion ({values}) needs an event and two steps that follow each other.',

    'events.reason.shape':
      '“{person}” is who, “{event}” what and “{time}” when: one row per event.',
    'events.reason.template':
      'The event names match the {template} funnel; steps follow its order.',
    'events.reason.evidence':
      'No known funnel among the event names: the {count} events most people do, in the order people first do them. Check it.',
    'events.reason.anyOf': 'Step “{label}” is any of these events: {values}.',
    'events.reason.rule':
      'A person counts at a step when they did the steps in order within {value} days of step 1.',

    'events.columns': 'Who, what and when',
    'events.steps.help':
      'Each step is an event, or any of several events. A step may repeat an earlier one (view → cart → view).',
    'events.step.events': 'Events of step {stage}',
    'events.step.event': 'Event {n} of step {stage}',
    'events.step.addEvent': 'or another event',
    'events.step.addEventTo': 'Add another event to step {stage}',
    'events.step.removeEvent': 'Remove {event} from step {stage}',
    'events.exclusions': 'Exclusions',
    'events.exclusions.help':
      'A person who does an excluded event between two steps does not count past the first of them. Exclusions apply in order and strictly in order, not in any order (it has no “between”).',
    'events.exclusions.none': 'No exclusions.',
    'events.exclusion.add': 'Add an exclusion',
    'events.exclusion.event': 'Excluded event {n}',
    'events.exclusion.after': 'Between which steps (exclusion {n})',
    'events.exclusion.between': 'between {from} and {to}',
    'events.exclusion.remove': 'Remove exclusion {n}',

    'events.rule.heading': 'Conversion rule',
    'events.window': 'Conversion window',
    'events.unit': 'Unit of the conversion window',
    'events.unit.minutes': 'minutes',
    'events.unit.hours': 'hours',
    'events.unit.days': 'days',
    'events.order': 'Order',
    'events.order.sequential': 'In order (other events may come between)',
    'events.order.strict': 'Strictly in order (no other step between)',
    'events.order.any': 'Any order (exclusions do not apply)',
    'events.touch': 'Breakdowns attribute people to',
    'events.touch.first': 'first touch (the entry event)',
    'events.touch.last': 'last touch (the last step’s event)',
    'events.rule.sequential':
      'A person reaches step k when they did steps 1…k in that order (equal times count in step order) and step k within {window} of step 1. Each person counts once, from the entry that takes them furthest.',
    'events.rule.strict':
      'As in order, and no other funnel step may come between two steps. Each person counts once, from the entry that takes them furthest.',
    'events.rule.any':
      'A person reaches step k when they did steps 1…k, in any order, all within {window} of the first of them; each event stands for one step only, so a step named twice needs two events. Each person counts once. Exclusions do not apply: they stop a person between two steps, and without an order there is no between.',
    'events.rule.anyExclusions':
      'The exclusions set in Mapping are not applied in any order. Choose in order or strictly in order to apply them.',
    'events.rule.exclusions': 'Exclusions stop a person at the step before the excluded event.',
    'events.rule.range':
      'A date range, a period and a comparison choose people by the time of that entry.',
    'events.people': '{count} people',

    'events.timing.heading': 'Time to convert',
    'events.timing.step': 'Step',
    'events.timing.people': 'People',
    'events.timing.fromStart': 'From step 1: median',
    'events.timing.fromPrevious': 'From the step before: median',
    'events.timing.mean': 'mean',
    'events.timing.p90': '90th percentile',
    'events.timing.histogram': 'Time to reach',
    'events.timing.histogramTitle': 'People by time from step 1 to {stage}',
    'events.timing.bin': 'Time from step 1',
    'events.timing.none': 'Nobody reached this step.',
    'events.duration.s': '{n} s',
    'events.duration.min': '{n} min',
    'events.duration.h': '{n} h',
    'events.duration.d': '{n} d',

    'events.skipped.heading': 'Skipped steps (silent conversion)',
    'events.skipped.help':
      'People who reached the step before and never did this step within their window; of them, those who still did the next step (静默 conversion).',
    'events.skipped.step': 'Without step',
    'events.skipped.without': 'People without it',
    'events.skipped.silent': 'still did {next}',
    'events.skipped.silentHead': 'Still did the next step',
    'events.skipped.silentLastHead': 'Still reached {last}',
    'events.skipped.silentRate': 'Silent conversion rate',
    'events.skipped.withRate': 'Rate with the step',
    'events.skipped.none': 'A funnel of three steps or more shows skipped steps.',

    'events.dropoff.heading': 'Who dropped off',
    'events.dropoff.help':
      'The ids of the people who stopped after each step, as CSV (for a remarketing audience).',
    'events.dropoff.after': 'Stopped after {stage}',
    'events.dropoff.download': 'Download {count} ids (CSV)',
    'events.dropoff.downloadAfter':
      'Download the ids of the {count} people who stopped after {stage}',
    'events.dropoff.file': 'dropped-after-{stage}',

    'events.trend.heading': 'Conversion by entry period',
    'events.trend.help':
      'People by the period they entered. A period whose people entered less than one window before the data’s last event is not final yet.',
    'events.trend.period': 'Entered in',
    'events.trend.entered': 'Entered',
    'events.trend.converted': 'Reached {stage}',
    'events.trend.rate': 'Conversion',
    'events.trend.immature': 'not final yet',
    'events.trend.immatureNote':
      'Not final yet: people who entered from {date} on have had less than one conversion window ({window}) before the data’s last event, so periods from {period} on are drawn dashed on a pale band and their rates can still rise.',
    'events.compare.immature':
      'Not final yet: people of this period who entered from {date} on have had less than one conversion window ({window}) before the data’s last event. Its rates can still rise, so a drop against the other period is not yet a fall.',
  },
  zh: {
    'map.shape.events': '事件：每行一个事件（用户、事件、时间）',
    'map.source.events': '事件',
    'map.template.events-shop': '店铺事件',
    'map.template.ga4': 'GA4 电商',
    'map.template.leads': '线索生命周期',
    'map.field.person': '用户',
    'map.field.event': '事件',
    'map.field.time': '时间',
    'map.field.window': '转化窗口期',
    'map.problem.no-event-columns': '请选择用户、事件和时间列。',
    'map.problem.not-time': '{field}：“{column}”既不是日期时间，也不是时间戳（秒、毫秒或微秒）。',
    'map.problem.stage-needs-event': '步骤“{stage}”至少需要一个事件。',
    'map.problem.bad-window': '转化窗口期必须大于零。',
    'map.problem.too-many-steps': '事件漏斗最多 30 个步骤。',
    'map.problem.bad-exclusion': '排除条件（{values}）需要一个事件和相邻的两个步骤。',

    'events.reason.shape': '“{person}”是用户，“{event}”是事件，“{time}”是时间：每行一个事件。',
    'events.reason.template': '事件名称符合{template}漏斗，步骤按其顺序排列。',
    'events.reason.evidence':
      '事件名称中没有已知漏斗：取做过的人最多的 {count} 个事件，按人们首次做它们的先后排列，请核对。',
    'events.reason.anyOf': '步骤“{label}”为以下任一事件：{values}。',
    'events.reason.rule': '用户在第 1 步后 {value} 天内按顺序完成各步骤，才计入该步骤。',

    'events.columns': '用户、事件与时间',
    'events.steps.help':
      '每个步骤是一个事件，或几个事件中的任一个。步骤可以重复前面的事件（浏览 → 加购 → 浏览）。',
    'events.step.events': '步骤 {stage} 的事件',
    'events.step.event': '步骤 {stage} 的第 {n} 个事件',
    'events.step.addEvent': '或另一个事件',
    'events.step.addEventTo': '为步骤 {stage} 添加另一个事件',
    'events.step.removeEvent': '从步骤 {stage} 中移除 {event}',
    'events.exclusions': '排除条件',
    'events.exclusions.help':
      '在两个步骤之间做了排除事件的用户，不再计入后一个步骤及之后。排除事件只在“依次”和“严格依次”下生效，不限顺序时没有“之间”，不生效。',
    'events.exclusions.none': '没有排除条件。',
    'events.exclusion.add': '添加排除条件',
    'events.exclusion.event': '排除事件 {n}',
    'events.exclusion.after': '在哪两个步骤之间（排除条件 {n}）',
    'events.exclusion.between': '{from} 与 {to} 之间',
    'events.exclusion.remove': '删除排除条件 {n}',

    'events.rule.heading': '转化规则',
    'events.window': '转化窗口期',
    'events.unit': '转化窗口期单位',
    'events.unit.minutes': '分钟',
    'events.unit.hours': '小时',
    'events.unit.days': '天',
    'events.order': '顺序',
    'events.order.sequential': '依次（中间可有其他事件）',
    'events.order.strict': '严格依次（中间不能有其他步骤）',
    'events.order.any': '不限顺序（排除事件不生效）',
    'events.touch': '细分时按哪个事件归属用户',
    'events.touch.first': '首次触点（进入事件）',
    'events.touch.last': '末次触点（最后一步的事件）',
    'events.rule.sequential':
      '用户按顺序完成第 1…k 步（时间相同按步骤顺序计），且第 k 步在第 1 步后 {window}内发生，即到达第 k 步。每个用户只计一次，取走得最远的那次进入。',
    'events.rule.strict':
      '同“依次”，且两个步骤之间不能有其他漏斗步骤。每个用户只计一次，取走得最远的那次进入。',
    'events.rule.any':
      '用户以任意顺序完成第 1…k 步，且都在其中最早一步后 {window}内，即到达第 k 步；每个事件只算一个步骤，同一事件出现在两个步骤中就需要做两次。每个用户只计一次。排除事件不生效：排除事件是在两个步骤之间拦下用户，不限顺序时没有“之间”。',
    'events.rule.anyExclusions':
      '映射中设置的排除事件在不限顺序时不生效。要应用它们，请选择“依次”或“严格依次”。',
    'events.rule.exclusions': '做了排除事件的用户停在排除事件之前的那一步。',
    'events.rule.range': '日期范围、周期和对比按该次进入的时间选取用户。',
    'events.people': '{count} 人',

    'events.timing.heading': '转化时长',
    'events.timing.step': '步骤',
    'events.timing.people': '人数',
    'events.timing.fromStart': '自第 1 步：中位数',
    'events.timing.fromPrevious': '自上一步：中位数',
    'events.timing.mean': '平均',
    'events.timing.p90': '第 90 百分位',
    'events.timing.histogram': '到达步骤',
    'events.timing.histogramTitle': '自第 1 步到 {stage} 的时长分布（人数）',
    'events.timing.bin': '自第 1 步的时长',
    'events.timing.none': '没有人到达这一步。',
    'events.duration.s': '{n} 秒',
    'events.duration.min': '{n} 分钟',
    'events.duration.h': '{n} 小时',
    'events.duration.d': '{n} 天',

    'events.skipped.heading': '跳过的步骤（静默转化）',
    'events.skipped.help':
      '到达上一步、但在窗口期内没有做这一步的用户；其中仍然完成下一步的人数（静默转化）。',
    'events.skipped.step': '未做步骤',
    'events.skipped.without': '未做该步人数',
    'events.skipped.silent': '仍完成{next}',
    'events.skipped.silentHead': '仍完成下一步',
    'events.skipped.silentLastHead': '仍到达{last}',
    'events.skipped.silentRate': '静默转化率',
    'events.skipped.withRate': '做了该步的转化率',
    'events.skipped.none': '三个及以上步骤的漏斗才显示跳过的步骤。',

    'events.dropoff.heading': '流失用户',
    'events.dropoff.help': '在各步骤之后流失的用户 ID，可下载为 CSV（用于重定向 / 再营销人群）。',
    'events.dropoff.after': '停在 {stage}',
    'events.dropoff.download': '下载 {count} 个 ID（CSV）',
    'events.dropoff.downloadAfter': '下载停在 {stage} 的 {count} 个用户 ID',
    'events.dropoff.file': '流失于-{stage}',

    'events.trend.heading': '按进入周期的转化',
    'events.trend.help':
      '按用户进入的周期统计。进入时间距数据最后一个事件不足一个窗口期的周期，转化尚未结束。',
    'events.trend.period': '进入周期',
    'events.trend.entered': '进入人数',
    'events.trend.converted': '到达{stage}',
    'events.trend.rate': '转化率',
    'events.trend.immature': '尚未完结',
    'events.trend.immatureNote':
      '尚未完结：{date}起进入的用户距数据最后一个事件不足一个转化窗口期（{window}），因此{period}起的周期以虚线和浅色底显示，其转化率仍可能上升。',
    'events.compare.immature':
      '尚未完结：本期{date}起进入的用户距数据最后一个事件不足一个转化窗口期（{window}），其转化率仍可能上升，与另一周期相比的下降还不能算作下滑。',
  },
};
