// The sales manager's review (DOMAIN.md §9): peers at the right level, the scorecard, stalled
// deals, the forecast of open deals and creation-cohort maturity.
export const review = {
  en: {
    'review.tab': 'Scorecard',

    // peers at the right level
    'review.peersAtLevel':
      'Benchmarked against {member}’s peers at the same level: the average of the other {n} values of {field}, each counted once.',
    'review.compareAtLevel':
      '{member} against the average of the other {n} values of {field} at the same level.',
    'review.peerAverage': 'Average of the other {field}',

    // the scorecard
    'review.heading': 'Scorecard',
    'review.intro':
      'Every member of a level side by side: the count at every stage, every step rate, attainment of target, the step that costs most against the other members’ average, and stalled deals.',
    'review.level': 'Members of',
    'review.caption':
      'Scorecard of {field}: {n} members, ranked by attainment of their {stage} target, then by {stage}',
    'review.rank': 'Rank',
    'review.overall': 'Overall',
    'review.group.counts': 'Count at each stage',
    'review.group.rates': 'Step rate into',
    'review.target': 'Target ({stage})',
    'review.attainment': 'Attainment',
    'review.weakest': 'Weakest step against peers',
    'review.weakText': '{step}: {rate} against {peer}',
    'review.impact': '{gain} {stage} if met',
    'review.noWeak': 'no step below peers',
    'review.weakGain': '{stage} gained if met',
    'review.stalled': 'Stalled',
    'review.export': 'Export CSV',
    'review.print': 'Print, one page per member',
    'review.file': 'scorecard',
    'review.quotaImport': 'Import targets per member from a CSV ({field}, target)',
    'review.quota.notNumber': 'Line {line}: “{value}” is not a number.',
    'review.quota.notCount': 'Line {line}: “{value}” is not a count (no percent, not negative).',
    'review.quota.repeated': 'Line {line}: {member} appears twice.',
    'review.quota.empty': 'The file holds no targets.',
    'review.quota.unknown': 'Not members of {field} here, left out: {names}.',
    'review.quota.saved':
      '{stage} targets kept for {n} members (the Plan screen’s target split shows the same).',
    'review.targetsFrom':
      'Targets: one set for a member’s own slice on Diagnose, else the member’s part of the target split on the Plan screen. Attainment = actual ÷ target.',
    'review.noTargets':
      'No targets yet: import a CSV of targets per member, or split a target over {field} on the Plan screen.',
    'review.noLevel': 'This dataset has no dimension to score members of.',
    'review.needStages': 'The scorecard needs a funnel of two stages or more.',

    // one printed page per member
    'review.printTitle': '{member}: scorecard',
    'review.printRank': 'Rank {rank} of {n}',
    'review.stage': 'Stage',
    'review.count': 'Count',
    'review.rate': 'Step rate',
    'review.peerRate': 'Peers’ average',

    // stalled deals
    'review.stalledHeading': 'Stalled deals',
    'review.stalledIntro':
      'Open deals that have been in their stage longer than 90 % of the deals that moved on from it stayed there (the stage’s 90th percentile), counted to {day}.',
    'review.stalledCaption': 'Stalled deals, longest over first',
    'review.stalledNone': 'No open deal in this view is stalled.',
    'review.stalledNeedsDates': 'Stalled deals need a date column for each stage.',
    'review.deal': 'Deal',
    'review.inStage': 'Stage',
    'review.since': 'In stage since',
    'review.days': 'Days in stage',
    'review.usual': 'Usual (90th percentile)',
    'review.over': 'Days over',
    'review.amount': 'Amount',
    'review.fileLine': 'row {n}',

    // the forecast of open deals
    'review.fc.asOf': 'Open deals as of {day}.',
    'review.fc.fromColumn': 'Expected close dates from the column {column}.',
    'review.fc.estimated':
      'No close-date column: each deal is expected to close its stage’s median days to a win after it entered the stage, measured over the won deals in the data.',
    'review.fc.overdue': '{n} deals’ close dates have already passed.',
    'review.fc.unknown': '{n} open deals have no expected close date.',
    'review.fc.categoriesCaption': 'Open deals by forecast category',
    'review.fc.category': 'Category',
    'review.cat.commit': 'Best few (commit)',
    'review.cat.best-case': 'In the funnel (best case)',
    'review.cat.pipeline': 'Above the funnel (pipeline)',
    'review.catWhy.commit': 'win probability above 50 % and expected to close within 60 days',
    'review.catWhy.best-case': 'win probability 25–50 %, or above 50 % but closing later',
    'review.catWhy.pipeline': 'win probability below 25 %: not yet qualified',
    'review.fc.history':
      'From history: {expected} wins to expect, between {low} and {high} deals (10th–90th percentile of {n} past months’ win rates from each stage), worth {amount}.',
    'review.fc.historyNoRange':
      'From history: {expected} wins to expect, worth {amount}; too few past months for a range.',
    'review.fc.wholeDeals': 'about {n}',

    // cohort maturity
    'review.co.heading': 'Creation cohorts',
    'review.co.intro':
      'Deals by the month they were created. A month younger than the typical time to a win ({days} days from creation, the median over won deals) has not closed yet: it is marked immature and shown dashed, with the rate the older months reached.',
    'review.co.caption': 'Deals by creation month',
    'review.co.month': 'Created in',
    'review.co.created': 'Created',
    'review.co.won': 'Won',
    'review.co.lost': 'Lost',
    'review.co.open': 'Open',
    'review.co.rate': 'Won so far',
    'review.co.status': 'Status',
    'review.co.final': 'final',
    'review.co.immature': 'immature: expect about {rate}',
    'review.co.chart': 'Share won by creation month; immature months dashed',
    'review.co.periodImmature':
      'Deals created in this period are younger than the typical time to a win ({days} days): its rates are not final, and older months reached {rate}.',

    // the pipeline table
    'review.winFrom': 'Win rate from here',
    'review.cycles':
      'Creation to close, median: won {won} days ({wonN} deals), lost {lost} days ({lostN} deals).',
  },
  zh: {
    'review.tab': '业绩考核',

    'review.peersAtLevel': '按{member}所在层级比较：其他 {n} 个{field}的平均值，每个权重相同。',
    'review.compareAtLevel': '{member}对比同级其他 {n} 个{field}的平均值。',
    'review.peerAverage': '其他{field}平均',

    'review.heading': '业绩考核',
    'review.intro':
      '同一层级的每个成员并排比较：各阶段数量、各步转化率、目标完成率、与其他成员平均相比损失最大的环节，以及停滞商机。',
    'review.level': '考核层级',
    'review.caption': '{field}业绩考核：{n} 人，按{stage}目标完成率排名，其次按{stage}数量',
    'review.rank': '排名',
    'review.overall': '总转化率',
    'review.group.counts': '各阶段数量',
    'review.group.rates': '进入下一阶段的转化率',
    'review.target': '目标（{stage}）',
    'review.attainment': '完成率',
    'review.weakest': '最弱环节（对比同级）',
    'review.weakText': '{step}：{rate}，同级 {peer}',
    'review.impact': '达到同级平均：{gain} {stage}',
    'review.noWeak': '没有低于同级的环节',
    'review.weakGain': '达到同级平均可增加的{stage}',
    'review.stalled': '停滞商机',
    'review.export': '导出 CSV',
    'review.print': '打印（每人一页）',
    'review.file': '业绩考核',
    'review.quotaImport': '从 CSV 导入每人目标（{field}，目标）',
    'review.quota.notNumber': '第 {line} 行：“{value}”不是数字。',
    'review.quota.notCount': '第 {line} 行：“{value}”不是数量（不能是百分比或负数）。',
    'review.quota.repeated': '第 {line} 行：{member}出现了两次。',
    'review.quota.empty': '文件里没有目标。',
    'review.quota.unknown': '不在当前{field}中，已忽略：{names}。',
    'review.quota.saved': '已为 {n} 人保存{stage}目标（目标反推页的目标分解同样显示）。',
    'review.targetsFrom':
      '目标：在诊断页为该成员自己的切片设定的目标，否则取目标反推页目标分解中该成员的部分。完成率 = 实际 ÷ 目标。',
    'review.noTargets': '还没有目标：导入每人目标的 CSV，或在目标反推页按{field}分解目标。',
    'review.noLevel': '这份数据没有可考核的维度。',
    'review.needStages': '业绩考核需要至少两个阶段的漏斗。',

    'review.printTitle': '{member}：业绩考核',
    'review.printRank': '第 {rank} 名，共 {n} 人',
    'review.stage': '阶段',
    'review.count': '数量',
    'review.rate': '转化率',
    'review.peerRate': '同级平均',

    'review.stalledHeading': '停滞商机',
    'review.stalledIntro':
      '在当前阶段停留的时间超过了从该阶段推进的商机中 90% 的停留时间（该阶段的第 90 百分位）的在途商机，计算到 {day}。',
    'review.stalledCaption': '停滞商机，超出最久的在前',
    'review.stalledNone': '当前视图中没有停滞的在途商机。',
    'review.stalledNeedsDates': '停滞商机需要每个阶段有一个日期列。',
    'review.deal': '商机',
    'review.inStage': '所处阶段',
    'review.since': '进入阶段日期',
    'review.days': '停留天数',
    'review.usual': '通常（第 90 百分位）',
    'review.over': '超出天数',
    'review.amount': '金额',
    'review.fileLine': '第 {n} 条',

    'review.fc.asOf': '在途商机，截至 {day}。',
    'review.fc.fromColumn': '预计成交日期取自列 {column}。',
    'review.fc.estimated':
      '没有成交日期列：每个商机预计在进入当前阶段后，经过该阶段到赢单的中位天数成交（按数据中已赢单的商机测得）。',
    'review.fc.overdue': '{n} 个商机的预计成交日期已过。',
    'review.fc.unknown': '{n} 个在途商机没有预计成交日期。',
    'review.fc.categoriesCaption': '在途商机按预测类别',
    'review.fc.category': '类别',
    'review.cat.commit': '最有把握（承诺）',
    'review.cat.best-case': '漏斗中（最佳情况）',
    'review.cat.pipeline': '漏斗上方（潜在）',
    'review.catWhy.commit': '赢单概率高于 50%，且预计 60 天内成交',
    'review.catWhy.best-case': '赢单概率 25–50%，或高于 50% 但成交较晚',
    'review.catWhy.pipeline': '赢单概率低于 25%：尚未确认需求',
    'review.fc.history':
      '按历史：预计赢单 {expected} 个，区间 {low}–{high} 个（过去 {n} 个月各阶段起赢单率的第 10–90 百分位），价值 {amount}。',
    'review.fc.historyNoRange':
      '按历史：预计赢单 {expected} 个，价值 {amount}；过去的月份太少，无法给出区间。',
    'review.fc.wholeDeals': '约 {n}',

    'review.co.heading': '创建批次',
    'review.co.intro':
      '按创建月份分组的商机。创建不足典型赢单周期（已赢单商机从创建到赢单的中位数 {days} 天）的月份尚未结束：标为未成熟并以虚线显示，同时给出更早月份达到的赢单率。',
    'review.co.caption': '按创建月份的商机',
    'review.co.month': '创建月份',
    'review.co.created': '创建',
    'review.co.won': '赢单',
    'review.co.lost': '输单',
    'review.co.open': '在途',
    'review.co.rate': '目前赢单率',
    'review.co.status': '状态',
    'review.co.final': '已成熟',
    'review.co.immature': '未成熟：预计约 {rate}',
    'review.co.chart': '按创建月份的赢单率；未成熟月份为虚线',
    'review.co.periodImmature':
      '本期创建的商机还不到典型赢单周期（{days} 天）：转化率尚未最终确定，更早月份达到 {rate}。',

    'review.winFrom': '该阶段起赢单率',
    'review.cycles':
      '从创建到结单的中位天数：赢单 {won} 天（{wonN} 个），输单 {lost} 天（{lostN} 个）。',
  },
};
