// The first-run screen, the samples and the display settings.
export const start = {
  en: {
    'start.heading': 'Find the layer where your funnel leaks',
    'start.intro':
      'Drop in an export from your ad platform, shop back-office or CRM. The stages are recognised for you; then slice the funnel by period, team, region and channel, compare it with last period or a target, and work backwards from a goal to the numbers every stage needs.',
    'start.step.drop': 'Drop a CSV or Excel export',
    'start.step.recognise': 'See the funnel at once',
    'start.step.decide': 'Slice, compare, plan',
    'start.samples': 'Or start with a sample',
    'start.sample.search-ads.name': 'Search-ads funnel',
    'start.sample.search-ads.desc':
      'Impressions → clicks → visits → consultations → orders, with cost and revenue: six months of daily rows by branch, team, region and channel.',
    'start.sample.shop.name': 'Shop funnel',
    'start.sample.shop.desc':
      'Visitors → effective entries → inquiries → orders → payments, by shop and channel; live-stream buyers often order without chatting.',
    'start.sample.pipeline.name': 'B2B pipeline',
    'start.sample.pipeline.desc':
      '640 opportunities from lead to won or lost, with the date of each stage, amounts and win probabilities.',
    'start.opening': 'Opening…',
    'start.failed': 'The sample could not be opened: {error}',
    'start.offline': 'Works offline after the first visit, and can be installed as an app.',
    'settings.wan': 'Large numbers in 万 / 亿',
  },
  zh: {
    'start.heading': '找出漏斗在哪一层漏掉了客户',
    'start.intro':
      '拖入推广后台、店铺后台或 CRM 导出的文件，自动识别漏斗各阶段；再按时间、团队、地区、渠道切分漏斗，与上期或目标对比，并从目标反推每个阶段需要的数量。',
    'start.step.drop': '拖入 CSV 或 Excel 导出文件',
    'start.step.recognise': '立即看到漏斗',
    'start.step.decide': '切分、对比、规划',
    'start.samples': '或者先打开一个示例',
    'start.sample.search-ads.name': '搜索推广漏斗',
    'start.sample.search-ads.desc':
      '展现 → 点击 → 访问 → 咨询 → 订单，含消费和销售额：半年按日数据，分公司、团队、地区、渠道俱全。',
    'start.sample.shop.name': '店铺漏斗',
    'start.sample.shop.desc':
      '访客 → 有效入店 → 咨询 → 下单 → 支付，按店铺和渠道；直播买家常常不咨询就下单（静默下单）。',
    'start.sample.pipeline.name': 'B2B 销售漏斗',
    'start.sample.pipeline.desc': '640 个商机，从线索到赢单或输单，含各阶段日期、金额和赢单概率。',
    'start.opening': '正在打开…',
    'start.failed': '示例无法打开：{error}',
    'start.offline': '首次访问后可离线使用，也可安装为应用。',
    'settings.wan': '以万 / 亿显示大数',
  },
} as const;
