/**
 * The funnels our users bring (DOMAIN.md §1–§5) and the names real exports give their columns,
 * in Chinese and English. Recognition matches headers and stage values against these lists
 * after `normaliseName`, so `Impr.`, `impr` and `ＩＭＰＲ` are one name.
 */

export interface TemplateStage {
  /** Stable stage id (the headline's CPC looks for 'clicks'). */
  id: string;
  zh: string;
  en: string;
  /** Header or stage-value spellings, any case and punctuation. */
  names: string[];
  /** Usual win probability of an open deal at this stage (pipelines only; editable). */
  probability?: number;
  /**
   * A result the funnel exists for (conversions, orders, payments, purchase): a template that
   * finds its top and such a result frames the funnel even with only two stages, and the other
   * count columns are side measures (a Meta export's Reach, Results, Bid).
   */
  result?: boolean;
}

export interface FunnelTemplate {
  id: string;
  stages: TemplateStage[];
}

/** Give a template's stages their usual win probabilities, in order. */
function withProbabilities(template: FunnelTemplate, probabilities: number[]): FunnelTemplate {
  template.stages.forEach((s, i) => (s.probability = probabilities[i]));
  return template;
}

const stage = (id: string, zh: string, en: string, ...names: string[]): TemplateStage => ({
  id,
  zh,
  en,
  names: [zh, en, ...names],
});

/** The same, marked as a result (see `TemplateStage.result`). */
const result = (id: string, zh: string, en: string, ...names: string[]): TemplateStage => ({
  ...stage(id, zh, en, ...names),
  result: true,
});

/** Funnels whose stages are count columns (wide) or values of a stage column (long). */
export const SEARCH_ADS: FunnelTemplate = {
  id: 'search-ads',
  stages: [
    stage(
      'impressions',
      '展现量',
      'Impressions',
      '展现',
      '展现次数',
      '展示数',
      '展示次数',
      '展示量',
      '展示',
      '曝光',
      '曝光量',
      '曝光次数',
      'Impr.',
      'Impr',
      'Impression',
    ),
    stage('clicks', '点击量', 'Clicks', '点击', '点击数', '点击次数', 'Click'),
    stage(
      'visits',
      '访问量',
      'Visits',
      '访问',
      '访问数',
      '访问次数',
      '访客数',
      '访客',
      '到达量',
      '到达',
      'UV',
      'Visitors',
      'Sessions',
      'Landing page views',
    ),
    stage(
      'consultations',
      '咨询量',
      'Consultations',
      '咨询',
      '咨询数',
      '咨询人数',
      '咨询次数',
      '有效咨询',
      '商桥转化',
      '商桥咨询',
      '对话量',
      '留言量',
      '留言',
      '线索量',
      '线索',
      'Leads',
      'Lead',
      'Inquiries',
      'Enquiries',
    ),
    result(
      'conversions',
      '转化量',
      'Conversions',
      '转化',
      '转化数',
      '转化次数',
      '网页转化',
      '网页转化量',
      'Conv.',
      'Conv',
      'All conv.',
      'Conversion',
      'Total conversions',
      'Total conversion',
      'Key events',
      'Results conversions',
    ),
    result(
      'orders',
      '订单量',
      'Orders',
      '订单',
      '订单数',
      '下单量',
      '成交量',
      '成交数',
      '成交',
      '下单人数',
      '支付人数',
      'Purchases',
      'Purchase',
      'Order',
      'Total orders',
      'Approved conversions',
      'Approved conversion',
      'Website purchases',
      'Transactions',
      '购买次数',
      '购买量',
    ),
  ],
};

export const SHOP: FunnelTemplate = {
  id: 'shop',
  stages: [
    stage('visitors', '访客数', 'Visitors', '访客', '访客人数', 'UV', 'Unique visitors'),
    stage(
      'effective',
      '有效入店人数',
      'Effective entries',
      '有效入店',
      '有效入店数',
      '有效访客',
      '有效访客数',
    ),
    stage('inquiries', '咨询人数', 'Inquiries', '咨询', '咨询量', '询单人数', '询单', '咨询买家数'),
    result(
      'orders',
      '下单人数',
      'Orders',
      '下单买家数',
      '下单',
      '下单数',
      '下单件数',
      'Ordering buyers',
    ),
    result(
      'payments',
      '支付人数',
      'Payments',
      '支付买家数',
      '付款人数',
      '成交人数',
      '支付',
      '付款',
      'Paid buyers',
      'Paying buyers',
    ),
  ],
};

/** Columns that make "effective entries" when subtracted from visitors (DOMAIN.md §2). */
export const BOUNCE_NAMES = [
  '跳失人数',
  '跳失',
  '跳失数',
  '跳出人数',
  'Bounces',
  'Bounced visitors',
];

export const AIDA: FunnelTemplate = {
  id: 'aida',
  stages: [
    stage('awareness', '认知', 'Awareness', '注意', 'Attention', '知晓'),
    stage('interest', '兴趣', 'Interest'),
    stage('consideration', '考虑', 'Consideration', '评估', 'Evaluation', '欲望', 'Desire'),
    stage('intent', '意向', 'Intent', 'Intention'),
    result('purchase', '购买', 'Purchase', '行动', 'Action'),
  ],
};

export const CAR_DEALER: FunnelTemplate = {
  id: 'car-dealer',
  stages: [
    stage('awareness', '认知', 'Awareness'),
    stage('understanding', '了解', 'Understanding'),
    stage('approval', '认可', 'Approval'),
    stage('consideration', '考虑', 'Consideration'),
    stage('intent', '意向', 'Intent'),
    result('purchase', '购买', 'Purchase'),
  ],
};

/** A web analytics report (GA4's traffic acquisition): sessions narrowing to key events. */
export const WEB_ANALYTICS: FunnelTemplate = {
  id: 'web-analytics',
  stages: [
    stage('sessions', '会话数', 'Sessions', '会话', '访问次数', 'Visits'),
    stage('engaged', '互动会话数', 'Engaged sessions', '参与会话数', '有效会话'),
    result('key-events', '关键事件', 'Key events', 'Conversions', '转化次数', '转化'),
    result('purchases', '购买次数', 'Purchases', 'Ecommerce purchases', 'Transactions'),
  ],
};

/** The generic B2B pipeline (DOMAIN.md §3); each slot takes the usual CRM spellings. */
export const PIPELINE: FunnelTemplate = withProbabilities(
  {
    id: 'pipeline',
    stages: [
      stage(
        'lead',
        '线索',
        'Lead',
        '潜在客户',
        '初步接洽',
        '新建',
        '初步沟通',
        'Leads',
        'New',
        'Prospect',
        'Prospecting',
      ),
      stage(
        'qualified',
        '需求确认',
        'Qualified',
        '需求分析',
        '确认需求',
        '需求',
        '合格',
        'Qualification',
        'Needs analysis',
      ),
      stage(
        'proposal',
        '方案',
        'Proposal',
        '方案制定',
        '方案演示',
        '演示',
        'Presentation',
        'Solution',
      ),
      stage('quote', '报价', 'Quote', '商务报价', 'Quotation', 'Price quote'),
      stage(
        'negotiation',
        '谈判',
        'Negotiation',
        '商务谈判',
        '合同谈判',
        '签约谈判',
        'Negotiation/Review',
        'Contract',
      ),
      stage('won', '赢单', 'Won', '成交', '签约', '赢得', 'Closed won', 'Deal won'),
    ],
  },
  [0.1, 0.2, 0.4, 0.6, 0.8, 1],
);

/** Salesforce's standard opportunity stages, in their order. */
export const SALESFORCE: FunnelTemplate = withProbabilities(
  {
    id: 'salesforce',
    stages: [
      stage('prospecting', '初步接洽', 'Prospecting'),
      stage('qualification', '资格审查', 'Qualification'),
      stage('needs-analysis', '需求分析', 'Needs Analysis'),
      stage('value-proposition', '价值主张', 'Value Proposition'),
      stage('decision-makers', '确定决策者', 'Id. Decision Makers', 'Id Decision Makers'),
      stage('perception-analysis', '认知分析', 'Perception Analysis'),
      stage('proposal', '建议书/报价', 'Proposal/Price Quote'),
      stage('negotiation', '谈判/审核', 'Negotiation/Review'),
      stage('won', '赢单', 'Closed Won'),
    ],
  },
  [0.1, 0.1, 0.2, 0.5, 0.6, 0.7, 0.75, 0.9, 1],
);

/** HubSpot's default sales pipeline, by label and by internal value. */
export const HUBSPOT: FunnelTemplate = withProbabilities(
  {
    id: 'hubspot',
    stages: [
      stage('appointment', '已预约', 'Appointment Scheduled', 'appointmentscheduled'),
      stage('qualified', '有购买意向', 'Qualified To Buy', 'qualifiedtobuy'),
      stage('presentation', '已安排演示', 'Presentation Scheduled', 'presentationscheduled'),
      stage('decision-maker', '决策者认可', 'Decision Maker Bought-In', 'decisionmakerboughtin'),
      stage('contract', '已发合同', 'Contract Sent', 'contractsent'),
      stage('won', '赢单', 'Closed Won', 'closedwon'),
    ],
  },
  [0.2, 0.4, 0.6, 0.8, 0.9, 1],
);

/** Zoho CRM's default potential stages (Closed Lost and Closed-Lost to Competition are outcomes). */
export const ZOHO: FunnelTemplate = withProbabilities(
  {
    id: 'zoho',
    stages: [
      stage('qualification', '资格审查', 'Qualification'),
      stage('needs-analysis', '需求分析', 'Needs Analysis'),
      stage('value-proposition', '价值主张', 'Value Proposition'),
      stage('decision-makers', '确定决策者', 'Identify Decision Makers', 'Id. Decision Makers'),
      stage('proposal', '建议书/报价', 'Proposal/Price Quote'),
      stage('negotiation', '谈判/审核', 'Negotiation/Review'),
      stage('won', '赢单', 'Closed Won'),
    ],
  },
  [0.1, 0.2, 0.4, 0.6, 0.75, 0.9, 1],
);

/** Pipedrive's default pipeline, old and new spellings (status open / won / lost apart). */
export const PIPEDRIVE: FunnelTemplate = withProbabilities(
  {
    id: 'pipedrive',
    stages: [
      stage('lead-in', '新线索', 'Lead In'),
      stage('qualified', '已确认', 'Qualified'),
      stage('contact-made', '已联系', 'Contact Made'),
      stage('needs-defined', '需求明确', 'Needs Defined', 'Demo Scheduled'),
      stage('proposal-made', '已提交方案', 'Proposal Made'),
      stage('negotiations', '谈判中', 'Negotiations Started'),
      stage('won', '赢单', 'Won'),
    ],
  },
  [0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1],
);

/** 纷享销客's default 商机阶段 (输单 and 无效 are outcomes). */
export const FXIAOKE: FunnelTemplate = withProbabilities(
  {
    id: 'fxiaoke',
    stages: [
      stage('verify', '验证客户', 'Verify customer'),
      stage('needs', '需求确定', 'Needs confirmed'),
      stage('proposal', '方案/报价', 'Proposal/Quote', '方案报价'),
      stage('negotiation', '谈判审核', 'Negotiation/Review'),
      stage('won', '赢单', 'Won'),
    ],
  },
  [0.1, 0.3, 0.6, 0.8, 1],
);

/** 销售易's default 销售阶段. */
export const XIAOSHOUYI: FunnelTemplate = withProbabilities(
  {
    id: 'xiaoshouyi',
    stages: [
      stage('contact', '初步接洽', 'First contact'),
      stage('needs', '需求确定', 'Needs confirmed'),
      stage('proposal', '方案报价', 'Proposal/Quote', '方案/报价'),
      stage('negotiation', '谈判审核', 'Negotiation/Review'),
      stage('won', '赢单', 'Won'),
    ],
  },
  [0.1, 0.3, 0.6, 0.8, 1],
);

/** The stages of our own domain texts: 线索挖掘 → 合格 → 报价 → 协议 → 赢单 (丢失 is an outcome). */
export const LEAD_TO_WIN: FunnelTemplate = withProbabilities(
  {
    id: 'lead-to-win',
    stages: [
      stage('lead', '线索挖掘', 'Lead mining', '线索开发'),
      stage('qualified', '合格', 'Qualified', '合格线索', '商机确认'),
      stage('quote', '报价', 'Quote', '报价中'),
      stage('agreement', '协议', 'Agreement', '签订协议', '合同', 'Contract'),
      stage('won', '赢单', 'Won', '成交'),
    ],
  },
  [0.1, 0.25, 0.5, 0.8, 1],
);

/** Templates tried on count-column headers (wide data). */
export const WIDE_TEMPLATES = [SEARCH_ADS, SHOP, WEB_ANALYTICS, AIDA, CAR_DEALER];
/**
 * Templates tried on stage values (records and long data); the most specific wins ties. A name
 * that only another template knows still has a place: its slot's share of that template's length.
 */
export const VALUE_TEMPLATES = [
  SALESFORCE,
  ZOHO,
  HUBSPOT,
  PIPEDRIVE,
  FXIAOKE,
  XIAOSHOUYI,
  LEAD_TO_WIN,
  CAR_DEALER,
  PIPELINE,
  AIDA,
  SEARCH_ADS,
  SHOP,
];

/** Stage or status values that mean an opportunity was lost or won. */
export const LOST_NAMES = [
  '输单',
  '丢单',
  '丢失',
  '已丢失',
  '战败',
  '失败',
  '已输单',
  '关闭-输单',
  '输',
  '无效',
  '流失',
  '作废',
  'Closed Lost',
  'closedlost',
  'Closed Lost to Competition',
  'Lost',
  'Deal lost',
  'Abandoned',
  'Closed abandoned',
  'Disqualified',
  'Unqualified',
  'Dead',
];
/** Stage or status values that are neither a step nor an outcome: the deal is waiting. */
export const PAUSED_NAMES = ['On hold', '暂停', '已暂停', '搁置', 'Paused', 'Suspended', '挂起'];
export const WON_NAMES = [
  '赢单',
  '成交',
  '已成交',
  '成功',
  '签约',
  '已签约',
  '关闭-赢单',
  '赢',
  'Closed Won',
  'closedwon',
  'Won',
  'Deal won',
];

/**
 * Header spellings of the columns that are not stages. Order inside a list is preference:
 * the first present spelling wins.
 */
export const ROLE_NAMES = {
  cost: [
    '消费',
    '消耗',
    '总费用',
    '费用',
    '花费',
    '推广费用',
    '现金消费',
    '广告费',
    '总花费',
    '花费金额',
    '消耗金额',
    '总消耗',
    '广告花费',
    'Cost',
    'Spend',
    'Spent',
    'Amount spent',
    'Total spend',
    'Ad spend',
    'Media cost',
    'Total commission',
    'Commission',
  ],
  revenue: [
    '销售额',
    '销售金额',
    '营收',
    '收入',
    '成交金额',
    '支付金额',
    '交易额',
    '订单金额',
    'GMV',
    'Revenue',
    'Sales',
    'Conv. value',
    'Conversion value',
    'Total conv. value',
    'Total revenue',
    'Purchase revenue',
    'Purchases conversion value',
    'Total sales',
  ],
  amount: [
    '金额',
    '商机金额',
    '预计金额',
    '合同金额',
    '预计成交金额',
    '销售金额',
    'Amount',
    'Deal amount',
    'Opportunity amount',
    'Deal value',
  ],
  probability: [
    'Probability (%)',
    'Probability',
    '概率',
    '赢率',
    '赢单率',
    '成交概率',
    '赢单概率',
    '可能性',
    'Deal probability',
    'Win probability',
  ],
  created: [
    '创建日期',
    '创建时间',
    '创建',
    '建立日期',
    '录入日期',
    'Created Date',
    'Create Date',
    'Created',
    'Date created',
    'Created on',
  ],
  closed: [
    '成交日期',
    '关闭日期',
    '结单日期',
    '结束日期',
    '预计成交日期',
    'Close Date',
    'Closed Date',
    'Expected close date',
  ],
  stage: [
    '阶段',
    '当前阶段',
    '商机阶段',
    '销售阶段',
    '漏斗阶段',
    '环节',
    '步骤',
    '漏斗步骤',
    'Stage',
    'Deal Stage',
    'Opportunity Stage',
    'Sales stage',
    'Funnel stage',
    'Step',
    'Funnel step',
  ],
  status: [
    '状态',
    '商机状态',
    '输赢',
    '赢输',
    '结果',
    '商机结果',
    'Status',
    'Outcome',
    'Won/Lost',
    'Deal status',
  ],
  count: [
    '数量',
    '人数',
    '次数',
    '数值',
    '计数',
    '用户数',
    'Count',
    'Value',
    'Users',
    'Number',
    'Total',
    'People',
  ],
  date: ['日期', '时间', '统计日期', '天', 'Date', 'Day', 'Week', 'Month'],
};

/** Organisation levels from the top (headquarters) down to the salesperson. */
export const ORG_LEVELS: string[][] = [
  ['总部', '集团', 'Headquarters', 'HQ'],
  ['事业部', '大区', 'Division', 'Business unit'],
  ['分公司', '分部', '子公司', '办事处', 'Branch', 'Office'],
  ['团队', '小组', '部门', '组', 'Team', 'Sales team', 'Department'],
  [
    '负责人',
    '销售',
    '销售人员',
    '业务员',
    '销售代表',
    '跟进人',
    '员工',
    'Owner',
    'Opportunity Owner',
    'Deal owner',
    'Account owner',
    'Salesperson',
    'Sales rep',
    'Rep',
  ],
];

/** Dimensions users slice by, in the order the slicers are offered. */
export const DIMENSION_KINDS: { kind: string; names: string[] }[] = [
  {
    kind: 'region',
    names: [
      '地区',
      '区域',
      '地域',
      '省',
      '省份',
      '城市',
      'Region',
      'Province',
      'City',
      'Country',
      'Territory',
    ],
  },
  {
    kind: 'channel',
    names: [
      '渠道',
      '来源',
      '媒体',
      '平台',
      '推广渠道',
      'Channel',
      'Source',
      'Lead source',
      'Network',
      'Platform',
    ],
  },
  {
    kind: 'campaign',
    names: [
      '推广计划',
      '计划',
      '计划名称',
      '推广单元',
      '单元',
      '广告系列',
      '广告组',
      'Campaign',
      'Ad group',
    ],
  },
  { kind: 'keyword', names: ['关键词', '搜索词', '关键字', 'Keyword', 'Search term'] },
  { kind: 'customer', names: ['客户类型', '新老客户', '客户类别', 'Customer type', 'Customer'] },
  {
    kind: 'project',
    names: [
      '项目类型',
      '项目规模',
      '商机类型',
      'Project type',
      'Opportunity type',
      'Deal type',
      'Type',
    ],
  },
];

// Recognition asks the same few hundred names and values again and again (every value of every
// small text column against every stage of every template): on a million-row import that was
// ~10 ms of NFKC and regex work in the task that first draws the funnel. Both caches are pure.
const normalised = new Map<string, string>();
const nameSets = new WeakMap<readonly string[], Set<string>>();

/**
 * One spelling for every way a header can be written: NFKC (full-width → half-width), lower
 * case, bracketed units dropped (`消费(元)`, `Probability (%)`), punctuation and spaces dropped.
 *
 * @example
 * normaliseName(' Impr. ') // 'impr'
 * normaliseName('消费（元）') // '消费'
 */
export function normaliseName(s: string): string {
  let n = normalised.get(s);
  if (n === undefined) {
    n = s
      .normalize('NFKC')
      .toLowerCase()
      .replace(/\([^)]*\)\s*$/u, '')
      // An attribution window is not part of the name: Amazon's "7 Day Total Orders (#)".
      .replace(/^\s*\d+\s*-?\s*days?\s+(?=\S)/u, '')
      .replace(/[^\p{L}\p{N}]/gu, '');
    // Bounded: a file's headers and category values repeat, arbitrary text must not pile up.
    if (normalised.size >= 10_000) normalised.clear();
    normalised.set(s, n);
  }
  return n;
}

/** A names list's spellings, normalised once (the lists are constants; never edited in place). */
function nameSet(names: readonly string[]): Set<string> {
  let set = nameSets.get(names);
  if (!set) nameSets.set(names, (set = new Set(names.map(normaliseName))));
  return set;
}

/**
 * A rate, share or average: never a stage, whatever else its name says (点击率, CTR, 平均点击价格,
 * Avg. CPC, Conv. rate, Cost / conv.).
 *
 * @example
 * isRateOrAverage('点击率') // true
 * isRateOrAverage('点击量') // false
 */
export function isRateOrAverage(header: string): boolean {
  const h = header.normalize('NFKC').toLowerCase();
  return (
    /率|占比|比例|比率|平均|均价|单价|人均|客单|每|%|\//u.test(h) ||
    /\b(rate|ratio|ctr|cvr|cpc|cpm|cpa|cpl|roi|roas|avg|average|mean|per|share)\b/u.test(h)
  );
}

/**
 * Count columns that are never funnel stages whatever their numbers: people reached (Reach),
 * mixed result types (Meta's Results), settings (Bid, Budget, Quality Score), event tallies
 * (GA4's Event count), units of product and id-like codes (the KAG set's `interest`).
 *
 * @example
 * isSideCount('Reach')       // true
 * isSideCount('Impressions') // false
 */
export function isSideCount(header: string): boolean {
  const h = header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[_\s]+/gu, ' ');
  return (
    /\b(reach|frequency|results?|bid|budget|quality score|score|event count|units?|rank|ranking|position|id|code|duration|seconds)\b/u.test(
      h,
    ) ||
    h.trim() === 'events' ||
    /覆盖人数|频次|出价|预算|质量分|件数|编号|排名|事件数/u.test(h)
  );
}

/** True when `name` is one of `names`, compared after `normaliseName`. */
export function matchName(name: string, names: readonly string[]): boolean {
  const n = normaliseName(name);
  return n !== '' && nameSet(names).has(n);
}

/** The first header of `headers` that matches a spelling, taking spellings in preference order. */
export function findByNames(headers: readonly string[], names: readonly string[]): string | null {
  const norm = headers.map(normaliseName);
  for (const name of names) {
    const i = norm.indexOf(normaliseName(name));
    if (i >= 0) return headers[i];
  }
  return null;
}

/** The slot of a template a name matches, or -1. */
export function stageIndex(template: FunnelTemplate, name: string): number {
  return template.stages.findIndex((s) => matchName(name, s.names));
}

/** True when most of the text is Chinese: stage labels we invent follow the file's language. */
export function looksChinese(texts: readonly string[]): boolean {
  let zh = 0;
  for (const s of texts) if (/[\u4e00-\u9fff]/u.test(s)) zh++;
  return zh * 2 > texts.length;
}
