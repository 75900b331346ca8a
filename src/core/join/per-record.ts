/**
 * Files with one row per thing (a chat tool's conversations, a CRM's leads, an order system's
 * orders) become counts per key: how many rows fall on each date × campaign …, and the sums of
 * their money columns (an order file's amounts are its revenue).
 */
import type { Column, NumberColumn, Table } from '../table/table';
import { isRateOrAverage, looksChinese, matchName, ROLE_NAMES } from '../spec/templates';
import type { RecordKind } from './join-info';

/** A numeric column that is an identifier written in digits (订单号 123456), never a sum. */
export function isIdLike(name: string): boolean {
  return /(^|[^a-z])id$|^id([^a-z]|$)|编号|单号|号码|序号|^no\.?$|number$/iu.test(
    name.normalize('NFKC').trim(),
  );
}

/** The numeric columns of a file worth summing: no rates, shares, averages or ids. */
export function summable(table: Table): NumberColumn[] {
  return table.columns.filter(
    (c): c is NumberColumn =>
      c.kind === 'number' && c.type !== 'percent' && !isRateOrAverage(c.name) && !isIdLike(c.name),
  );
}

/**
 * True when each row of the file is one thing to count rather than a row of figures: it has
 * nothing to sum; or only money columns and an id column or times of day (an order list, not a
 * daily revenue report); or count columns too, but both an id column and times of day.
 *
 * @example
 * perRecord(chats)    // true: 对话ID, 开始时间 (with times), 来源计划, 关键词
 * perRecord(orders)   // true: 订单号 (an id), 下单日期, 来源, 金额 (money only)
 * perRecord(adReport) // false: 日期, 推广计划, 展现, 点击, 消费
 * perRecord(monthlyRevenue) // false: 月份, 推广计划, 成交额 (no id, no times)
 */
export function perRecord(table: Table, date: Column | null): boolean {
  const sums = summable(table);
  if (sums.length === 0) return true;
  const hasId = table.columns.some(
    (c) => (c.kind === 'text' && c.type === 'id') || isIdLike(c.name),
  );
  const hasTime = date !== null && date.kind === 'date' && date.hasTime;
  if (sums.every((c) => c.type === 'money')) return hasId || hasTime;
  return hasId && hasTime;
}

const KIND_WORDS: { kind: RecordKind; pattern: RegExp }[] = [
  {
    kind: 'orders',
    pattern: /订单|下单|成交|销售|付款|支付|order|purchase|sale|deal|transaction/iu,
  },
  {
    kind: 'consultations',
    pattern:
      /咨询|对话|会话|商桥|聊天|客服|留言|通话|来电|电话|chat|consult|conversation|call|inquir|enquir/iu,
  },
  { kind: 'leads', pattern: /线索|留资|表单|名片|lead|form|signup|sign-up/iu },
];

/**
 * What a per-record file's rows are, from its name and then its headers: orders, consultations
 * or leads; a file of money amounts is orders; else plain records.
 *
 * @example
 * recordKind('商桥对话记录.csv', ['对话ID', '开始时间'], false) // 'consultations'
 * recordKind('export.csv', ['订单号', '金额'], true)            // 'orders'
 */
export function recordKind(
  fileName: string,
  headers: readonly string[],
  hasMoney: boolean,
): RecordKind {
  for (const k of KIND_WORDS) if (k.pattern.test(fileName.normalize('NFKC'))) return k.kind;
  for (const k of KIND_WORDS)
    if (headers.some((h) => k.pattern.test(h.normalize('NFKC')))) return k.kind;
  return hasMoney ? 'orders' : 'records';
}

const COUNT_NAMES: Record<RecordKind, { zh: string; en: string }> = {
  consultations: { zh: '咨询量', en: 'Consultations' },
  orders: { zh: '订单量', en: 'Orders' },
  leads: { zh: '线索量', en: 'Leads' },
  records: { zh: '记录数', en: 'Records' },
};

/**
 * The name of a per-record file's count column, in the language of its headers (the funnel's
 * templates know these names, so the stage is recognised without a click).
 *
 * @example
 * countName('orders', ['订单号', '下单时间']) // '订单量'
 * countName('leads', ['Lead ID', 'Created'])  // 'Leads'
 */
export function countName(kind: RecordKind, headers: readonly string[]): string {
  return looksChinese(headers) ? COUNT_NAMES[kind].zh : COUNT_NAMES[kind].en;
}

/**
 * The name an order file's money column is summed under: its revenue (销售额 / Revenue) when it
 * is the file's only money column or is named as an amount or revenue; else its own name.
 *
 * @example
 * sumName('金额', ['金额'], 'orders', ['订单号', '金额']) // '销售额'
 * sumName('运费', ['金额', '运费'], 'orders', …)          // '运费'
 */
export function sumName(
  column: string,
  money: readonly string[],
  kind: RecordKind,
  headers: readonly string[],
): string {
  if (kind !== 'orders') return column;
  const amountLike =
    matchName(column, ROLE_NAMES.revenue) ||
    matchName(column, ROLE_NAMES.amount) ||
    /金额|实付|amount|revenue|total|price|价/iu.test(column);
  const firstAmount = money.find(
    (m) => matchName(m, ROLE_NAMES.revenue) || matchName(m, ROLE_NAMES.amount),
  );
  const isRevenue = money.length === 1 || (amountLike && (firstAmount ?? money[0]) === column);
  if (!isRevenue) return column;
  return looksChinese(headers) ? '销售额' : 'Revenue';
}
