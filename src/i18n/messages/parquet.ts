// Parquet in: the hint beside the file picker and what a Parquet import can refuse or leave out.
export const parquet = {
  en: {
    // Continues import.dropHint ("or drop a file anywhere on this page").
    'import.parquetHint':
      '; Parquet files (.parquet) from BigQuery, ClickHouse, DuckDB, Spark or pandas open too.',
    'import.error.parquetTooLarge':
      '“{name}” holds {rows} rows: about {size} once read, more than this browser can spare (limit {limit}). Export a shorter date range or fewer columns, or let your warehouse compute the funnel (Data tab → Copy SQL) and import its result.',
    'import.error.parquetNoColumns':
      '“{name}” has no column this app can read: each is nested (a list or a record) or of a type without a place here ({columns}). Flatten it in your warehouse, one column per field, and export it again.',
    'import.warn.parquetSkipped':
      '{count} columns were left out, nested (lists, records) or of a type without a place here (intervals, times of day, geometry): {columns}.',
  },
  zh: {
    'import.parquetHint':
      '；也可以打开 BigQuery、ClickHouse、DuckDB、Spark 或 pandas 导出的 Parquet 文件（.parquet）。',
    'import.error.parquetTooLarge':
      '“{name}”有 {rows} 行，读入后约占 {size}，超出本浏览器可用的内存（上限 {limit}）。请导出更短的日期范围或更少的列，或者让数据仓库算好漏斗（“数据”页 → 复制 SQL），再导入它的结果。',
    'import.error.parquetNoColumns':
      '“{name}”没有可读取的列：每一列都是嵌套列（列表或记录）或这里无法使用的类型（{columns}）。请在数据仓库中展开为每个字段一列，再重新导出。',
    'import.warn.parquetSkipped':
      '有 {count} 列未导入，它们是嵌套列（列表、记录）或这里无法使用的类型（时间间隔、一天中的时刻、地理数据）：{columns}。',
  },
};
