// The event-funnel bench's data, seeded: about 500,000 people doing 5,000,000 events of 12
// names over 60 days, with 4 properties (渠道, 城市, 设备, 会员等级), in time order as a tracker
// exports it. One generator for the CSV the import bench picks (written once into the
// git-ignored tests/bench/data) and for the table the recompute page builds in the browser.
import { rng } from '../../scripts/rng.mjs';

export const EVENT_NAMES = [
  '浏览',
  '咨询',
  '加购',
  '下单',
  '支付',
  '搜索',
  '收藏',
  '分享',
  '登录',
  '评价',
  '退款',
  '领券',
];
export const PROPERTIES = {
  渠道: ['百度', '抖音', '微信', '小红书', '直接访问', '淘宝'],
  城市: ['北京', '上海', '广州', '深圳', '成都', '杭州', '武汉', '西安'],
  设备: ['移动', 'PC', '平板'],
  会员等级: ['普通会员', '银卡会员', '金卡会员', '钻石会员'],
};
export const START = Date.UTC(2025, 2, 1) / 1000;
const SPAN = 60 * 86_400;

/**
 * `count` events in time order: person index, event index, epoch seconds and one index per
 * property, as typed arrays.
 *
 * @param {number} count
 * @param {number} seed
 */
export function makeEvents(count, seed = 20250301) {
  const rand = rng(seed);
  const people = Math.round(count / 10);
  const person = new Int32Array(count);
  const event = new Uint8Array(count);
  const time = new Float64Array(count);
  const props = Object.keys(PROPERTIES).map(() => new Uint8Array(count));
  const sizes = Object.values(PROPERTIES).map((v) => v.length);
  let n = 0;
  const push = (p, e, t, pv) => {
    if (n >= count) return;
    person[n] = p;
    event[n] = e;
    time[n] = t;
    for (let j = 0; j < pv.length; j++) props[j][n] = pv[j];
    n++;
  };
  for (let p = 0; n < count; p = (p + 1) % people) {
    // A visit: 浏览, then maybe 咨询, 加购, 下单, 支付 (each less likely), with side events.
    const pv = sizes.map((s) => Math.floor(rand() * s));
    let t = START + Math.floor(rand() * SPAN);
    push(p, 0, t, pv);
    const side = () => {
      if (rand() < 0.5)
        push(p, 5 + Math.floor(rand() * 7), (t += 1 + Math.floor(rand() * 300)), pv);
    };
    side();
    for (let s = 1; s <= 4; s++) {
      if (rand() > [0, 0.55, 0.6, 0.55, 0.8][s]) break;
      // Mostly minutes; now and then days, so the window decides.
      t += rand() < 0.15 ? Math.floor(rand() * 9 * 86_400) : 1 + Math.floor(rand() * 3_600);
      push(p, s, t, pv);
      side();
    }
  }
  // Time order, as a tracker exports: sort positions by (time, position) on one numeric key.
  const key = new Float64Array(count);
  for (let i = 0; i < count; i++) key[i] = (time[i] - START) * 2 ** 23 + i;
  key.sort();
  const at = (k) => k % 2 ** 23;
  const order = Uint32Array.from(key, at);
  const pick = (a) => {
    const out = new a.constructor(count);
    for (let i = 0; i < count; i++) out[i] = a[order[i]];
    return out;
  };
  return {
    people,
    person: pick(person),
    event: pick(event),
    time: pick(time),
    props: props.map(pick),
  };
}

/** A person's id as the file writes it. */
export const personId = (p) => `U${String(p).padStart(7, '0')}`;
