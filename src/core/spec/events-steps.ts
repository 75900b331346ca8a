/**
 * The steps of an event funnel, picked with no click. Where the event names say it, a known
 * funnel gives the steps in its order (访问/浏览 → 咨询 → 加购 → 下单/提交订单 → 支付; GA4's
 * session_start → view_item → add_to_cart → begin_checkout → purchase; lead → MQL → SQL →
 * opportunity → won); several names of one step (下单 and 提交订单) make it "any of these events".
 * Otherwise the evidence decides: the events most people do, in the order people typically do
 * them first.
 */
import type { EventIndex } from '../engine/events-model';
import type { TextColumn } from '../table/table';
import { matchName, type FunnelTemplate } from './templates';

const step = (id: string, zh: string, en: string, ...names: string[]) => ({
  id,
  zh,
  en,
  names: [zh, en, ...names],
});

/** The shop and app funnel as trackers name its events (神策, GrowingIO, a shop's own). */
export const EVENT_SHOP: FunnelTemplate = {
  id: 'events-shop',
  stages: [
    step(
      'visit',
      '访问',
      'Visit',
      '浏览',
      '进店',
      '访问店铺',
      '浏览商品',
      '页面浏览',
      '浏览页面',
      '商品浏览',
      '访问首页',
      'page_view',
      'pageview',
      'view',
      'visit_store',
    ),
    step(
      'consult',
      '咨询',
      'Consult',
      '在线咨询',
      '客服咨询',
      '询单',
      '发起咨询',
      'chat',
      'inquiry',
      'contact',
    ),
    step('cart', '加购', 'Add to cart', '加入购物车', '加购物车', 'add_cart', 'cart'),
    step(
      'order',
      '下单',
      'Order',
      '提交订单',
      '创建订单',
      '下订单',
      'place_order',
      'submit_order',
      'create_order',
    ),
    step(
      'pay',
      '支付',
      'Pay',
      '付款',
      '支付成功',
      '支付订单',
      '完成支付',
      'payment',
      'paid',
      'pay_order',
    ),
  ],
};

/** GA4's recommended e-commerce events (its BigQuery export's event_name). */
export const EVENT_GA4: FunnelTemplate = {
  id: 'ga4',
  stages: [
    step('session', '会话开始', 'session_start', 'first_visit'),
    step('view-item', '查看商品', 'view_item', 'view_item_list', 'select_item'),
    step('add-to-cart', '加入购物车', 'add_to_cart'),
    step('checkout', '开始结账', 'begin_checkout', 'add_payment_info', 'add_shipping_info'),
    step('purchase', '购买', 'purchase'),
  ],
};

/** A CRM's activity log of leads. */
export const EVENT_LEADS: FunnelTemplate = {
  id: 'leads',
  stages: [
    step('lead', '线索', 'lead', 'lead_created', 'new lead', '新线索', '创建线索'),
    step('mql', '营销合格线索', 'MQL', 'marketing qualified lead', 'marketing qualified'),
    step('sql', '销售合格线索', 'SQL', 'sales qualified lead', 'sales qualified'),
    step('opportunity', '商机', 'opportunity', 'opp', 'opportunity_created', '创建商机'),
    step('won', '赢单', 'won', 'closed won', 'deal won', '成交'),
  ],
};

export const EVENT_TEMPLATES = [EVENT_SHOP, EVENT_GA4, EVENT_LEADS];

export interface EventStepPick {
  id: string;
  label: string;
  values: string[];
}

/**
 * Steps from a known funnel: for each slot, the event values that name it (several make an
 * "any of" step); the template matching most slots, when it matches at least two.
 *
 * @example
 * templateSteps(['浏览', '下单', '咨询', '支付', '提交订单'])
 * // { template: 'events-shop', steps: 浏览 / 咨询 / 下单|提交订单 / 支付 }
 */
export function templateSteps(
  values: readonly string[],
): { template: string; steps: EventStepPick[] } | null {
  let best: { template: string; steps: EventStepPick[] } | null = null;
  for (const t of EVENT_TEMPLATES) {
    const steps: EventStepPick[] = [];
    for (const slot of t.stages) {
      const named = values.filter((v) => matchName(v, slot.names));
      if (named.length) steps.push({ id: slot.id, label: named.join(' / '), values: named });
    }
    if (steps.length >= 2 && (!best || steps.length > best.steps.length))
      best = { template: t.id, steps };
  }
  return best;
}

/** Events done by fewer people than this share are not offered as evidence-picked steps. */
const MIN_SHARE = 0.05;
/** Evidence picks at most this many steps: a funnel, not a list of every event. */
export const MAX_EVIDENCE_STEPS = 5;

/**
 * Steps from the evidence: the events most people do (at most five, each done by at least 5 %
 * of people), in the order people typically first do them (the mean rank of each event among a
 * person's first occurrences of these events, ties by more people).
 *
 * @example
 * // 3 people: a 访问→收藏→下单, b 访问→下单, c 访问→收藏
 * evidenceSteps(index, events) // 访问 (3 people), 收藏 (2), 下单 (2): 收藏's mean rank 1, 下单's 1.5
 */
export function evidenceSteps(index: EventIndex, events: TextColumn): EventStepPick[] {
  const size = events.dict.length;
  const people = new Float64Array(size);
  const seenBy = new Int32Array(size).fill(-1);
  for (let p = 0; p < index.people; p++) {
    for (let pos = index.start[p]; pos < index.end[p]; pos++) {
      const code = events.codes[index.order ? index.order[pos] : pos];
      if (code === 0 || seenBy[code] === p) continue;
      seenBy[code] = p;
      people[code]++;
    }
  }
  const least = Math.max(1, index.people * MIN_SHARE);
  const top = Array.from({ length: size }, (_, code) => code)
    .filter((code) => code > 0 && people[code] >= least && events.dict[code].trim() !== '')
    .sort((a, b) => people[b] - people[a] || a - b)
    .slice(0, MAX_EVIDENCE_STEPS);
  const slot = new Int32Array(size).fill(-1);
  top.forEach((code, i) => (slot[code] = i));
  const rankSum = new Float64Array(top.length);
  seenBy.fill(-1);
  for (let p = 0; p < index.people; p++) {
    let rank = 0;
    for (let pos = index.start[p]; pos < index.end[p]; pos++) {
      const code = events.codes[index.order ? index.order[pos] : pos];
      if (slot[code] < 0 || seenBy[code] === p) continue;
      seenBy[code] = p;
      rankSum[slot[code]] += rank++;
    }
  }
  return top
    .map((code, i) => ({ code, rank: rankSum[i] / people[code] }))
    .sort((a, b) => a.rank - b.rank || people[b.code] - people[a.code])
    .map(({ code }) => {
      const v = events.dict[code];
      return { id: v, label: v, values: [v] };
    });
}
