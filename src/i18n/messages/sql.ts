// SQL out: the "Copy SQL" panel of the Data tab, its options, notes and the way back.
export const sql = {
  en: {
    'sql.heading': 'Copy SQL',
    'sql.intro':
      'More rows than this browser can hold? Run this funnel where the data lives: the query computes, in your warehouse, the table this funnel needs for the current filters and date range.',
    'sql.source': 'Source table',
    'sql.dateType': 'Date or time column type',
    'sql.dateType.date': 'DATE',
    'sql.dateType.timestamp': 'Time stamp (TIMESTAMP, DATETIME)',
    'sql.dateType.text': 'Text (2025-01-05 …)',
    'sql.dateType.epoch-s': 'Seconds since 1970',
    'sql.dateType.epoch-ms': 'Milliseconds since 1970',
    'sql.dateType.epoch-us': 'Microseconds since 1970 (GA4’s event_timestamp)',
    'sql.perPeriod': 'One row per {period}',
    'sql.groupBy': 'And per',
    'sql.groupBy.none': '— nothing more',
    'sql.dialect': 'Warehouse',
    'sql.dialect.duckdb': 'DuckDB',
    'sql.dialect.clickhouse': 'ClickHouse',
    'sql.dialect.bigquery': 'BigQuery',
    'sql.dialect.postgres': 'PostgreSQL',
    'sql.query': '{dialect} query',
    'sql.copy': 'Copy',
    'sql.copied': 'Copied to the clipboard.',
    'sql.selected': 'The query is selected: press Ctrl+C (⌘C on a Mac) to copy it.',
    'sql.back':
      'Export its result as Parquet or CSV and import that file here: one row per period and group, one column per stage named as in this funnel. It opens as wide data and gives this funnel. Your rows stay in the warehouse; only the sums come back.',
    'sql.backHow': 'For example:',
    'sql.unsupported.shape': 'This kind of funnel cannot be written as SQL yet.',
    'sql.unsupported.eventsRule':
      'Only steps in order (other events may come in between) without exclusions, each event standing for one step, are written as SQL: this funnel’s rule is not. Export the events themselves as Parquet instead.',
    'sql.unsupported.noStages': 'Map at least one stage first.',
    'sql.unsupported.formula':
      'A stage’s formula or stage column is not complete: fix it in the mapping first.',
    'sql.note.renamed': '{dialect} does not allow “{from}” as a column name: it is called “{to}”.',
    'sql.note.longName':
      'PostgreSQL cuts names longer than 63 bytes: “{name}” will come back shortened.',
    'sql.note.textDates':
      '“{column}” is read from its first ten characters as YYYY-MM-DD; other text counts as no date (PostgreSQL stops on it).',
    'sql.note.firstTouch':
      'Rows are grouped by the values on each person’s entry (first touch), not their last step’s.',
    'sql.note.clickhouseEntry':
      'ClickHouse’s windowFunnel gives each person’s furthest step but not which entry reached it: here a person counts in the period and group of their first entry, and times are whole seconds. The app counts them at the entry that went furthest.',
  },
  zh: {
    'sql.heading': '复制 SQL',
    'sql.intro':
      '数据行太多，浏览器装不下？让漏斗在数据所在的地方计算：这条查询会在你的数据仓库里，按当前的筛选和日期范围，算出这个漏斗需要的表。',
    'sql.source': '源表',
    'sql.dateType': '日期或时间列类型',
    'sql.dateType.date': '日期（DATE）',
    'sql.dateType.timestamp': '时间戳（TIMESTAMP、DATETIME）',
    'sql.dateType.text': '文本（2025-01-05 …）',
    'sql.dateType.epoch-s': '自 1970 年起的秒数',
    'sql.dateType.epoch-ms': '自 1970 年起的毫秒数',
    'sql.dateType.epoch-us': '自 1970 年起的微秒数（GA4 的 event_timestamp）',
    'sql.perPeriod': '每{period}一行',
    'sql.groupBy': '再按',
    'sql.groupBy.none': '—（不再细分）',
    'sql.dialect': '数据仓库',
    'sql.dialect.duckdb': 'DuckDB',
    'sql.dialect.clickhouse': 'ClickHouse',
    'sql.dialect.bigquery': 'BigQuery',
    'sql.dialect.postgres': 'PostgreSQL',
    'sql.query': '{dialect} 查询',
    'sql.copy': '复制',
    'sql.copied': '已复制到剪贴板。',
    'sql.selected': '查询已选中：按 Ctrl+C（Mac 上按 ⌘C）复制。',
    'sql.back':
      '把查询结果导出为 Parquet 或 CSV，再在这里导入该文件：每个周期和分组一行，每个阶段一列，列名与本漏斗相同。它会作为宽表打开，得到同一个漏斗。明细数据留在数据仓库里，带回来的只有汇总数。',
    'sql.backHow': '例如：',
    'sql.unsupported.shape': '这种漏斗暂时还不能写成 SQL。',
    'sql.unsupported.eventsRule':
      '只有“按顺序（中间可以有其他事件）、没有排除事件、每个事件只属于一个步骤”的规则能写成 SQL，这个漏斗的规则不是。请改为把事件本身导出为 Parquet。',
    'sql.unsupported.noStages': '请先至少映射一个阶段。',
    'sql.unsupported.formula': '有阶段的公式或阶段列还不完整：请先在映射中修正。',
    'sql.note.renamed': '{dialect} 不允许用“{from}”作列名：该列改名为“{to}”。',
    'sql.note.longName': 'PostgreSQL 会截断超过 63 字节的名称：“{name}”导回时会变短。',
    'sql.note.textDates':
      '“{column}”按前十个字符读作 YYYY-MM-DD；其他文本算作没有日期（PostgreSQL 遇到会报错停止）。',
    'sql.note.firstTouch':
      '各行按每个人进入漏斗那一条事件上的值分组（首次触点），而不是最后一步的。',
    'sql.note.clickhouseEntry':
      'ClickHouse 的 windowFunnel 只给出每个人走到的最远一步，不说明是哪一次进入走到的：这里每个人计入其第一次进入所在的周期和分组，时间精确到整秒。本应用则把人计入走得最远的那一次进入。',
  },
};
