import { fieldName } from './field-names';

/**
 * Chinese for what GraphQL itself says of a request it refuses (graphql-js 16: the parser, the
 * validation rules, the coercion of variables), for what Apollo Server's HTTP layer refuses (the body,
 * headers or method of the request) and for the refusals of the custom scalars (Money,
 * LocalDate, DateTime, JSON) and the built-in ones (Int, Float, String, Boolean, ID), which GraphQL
 * wraps in its own sentence. What the caller wrote stays as written, in the quotes GraphQL puts it in:
 * the value ("12.345", 1000), the variable ($amount), the names of types, fields and arguments ("Money!",
 * "input.amount"). `extensions.code` and `reason` are not touched.
 *
 * A message is read as GraphQL builds it: an optional variable prefix (`Variable "$x" got invalid value
 * V at "x.path"; …`) or literal prefix (`Expected value of type "T", found V; …`), the scalar's or the
 * rule's own sentence, and an optional `Did you mean …?` suggestion. Messages of no known shape have no
 * Chinese here (the caller then shows the reason's sentence with GraphQL's words).
 */
type Render = (m: RegExpExecArray) => string;

const MONEY_RULE = '金额以元为单位，最多两位小数，如 "12345.67"';
const DATE_RULE = '须为日历上存在的日期，写作 YYYY-MM-DD，如 "2026-12-01"';
const DATE_TIME_RULE = '须为带时区的 RFC 3339 时间，如 "2026-11-29T08:30:00Z" 或 "2026-11-29T16:30:00+08:00"';
const INT_RANGE = '-2147483648 到 2147483647';

/**
 * What is wrong with a value, as a predicate that follows its subject (`变量 $amount 的值 "12.345"` +
 * `不是有效金额：…`): the scalars' and input objects' own sentences, by the English they raise.
 */
const VALUE_PROBLEMS: Array<[RegExp, Render]> = [
  // Money (common/scalars/money.scalar.ts, money.ts)
  [/^Money must be a string such as "12345\.67"$/, () => `不是有效金额：金额须写成字符串，${MONEY_RULE}`],
  [
    /^"[\s\S]*" is not an amount in yuan with at most two decimals \(e\.g\. "12345\.67"\)$/,
    () => `不是有效金额：${MONEY_RULE}`,
  ],
  // LocalDate (common/scalars/local-date.scalar.ts)
  [/^LocalDate must be a string YYYY-MM-DD$/, () => `不是有效日期：日期须写成字符串，${DATE_RULE}`],
  [/^LocalDate must be a real date written YYYY-MM-DD, got [\s\S]*$/, () => `不是有效日期：${DATE_RULE}`],
  // DateTime (common/scalars/date-time.scalar.ts)
  [/^DateTime must be a string such as "[^"]*"$/, () => `不是有效时间：时间须写成字符串，${DATE_TIME_RULE}`],
  [
    /^DateTime must be an RFC 3339 date-time with a zone, such as "[^"]*", got [\s\S]*$/,
    () => `不是有效时间：${DATE_TIME_RULE}`,
  ],
  // JSON (common/scalars/json.scalar.ts)
  [/^JSON literal may not contain variables$/, () => '不是有效的 JSON 值：其中不能使用变量'],
  // The built-in scalars (graphql/type/scalars.js)
  [/^Int cannot represent non-integer value: [\s\S]*$/, () => '不是整数'],
  [
    /^Int cannot represent non 32-bit signed integer value: [\s\S]*$/,
    () => `超出整数范围：须在 ${INT_RANGE} 之间`,
  ],
  [/^Float cannot represent non numeric value: [\s\S]*$/, () => '不是数字'],
  [/^String cannot represent a non string value: [\s\S]*$/, () => '不是字符串：须加引号'],
  [/^Boolean cannot represent a non boolean value: [\s\S]*$/, () => '不是布尔值：须为 "true" 或 "false"'],
  [
    /^ID cannot represent (?:a non-string and non-integer )?value: [\s\S]*$/,
    () => '不是有效的编号：须为字符串或整数',
  ],
  // Enums (graphql/type/definition.js)
  [/^Value "[^"]*" does not exist in "(\w+)" enum\.$/, (m) => `不是 "${m[1]}" 的可选值`],
  [
    /^Enum "(\w+)" cannot represent non-string value: [\s\S]*\.$/,
    (m) => `不是 "${m[1]}" 的可选值：须写可选值的名称`,
  ],
  [
    /^Enum "(\w+)" cannot represent non-enum value: [\s\S]*\.$/,
    (m) => `不是 "${m[1]}" 的可选值：查询文本中的可选值不加引号`,
  ],
  // Input objects (graphql/utilities/coerceInputValue.js)
  [/^Expected type "(\w+)" to be an object\.$/, (m) => `不是对象：须为 "${m[1]}" 类型的对象`],
  [/^Field "(\w+)" is not defined by type "(\w+)"\.$/, (m) => `含有 "${m[2]}" 没有的字段 "${m[1]}"`],
  [
    /^Field "(\w+)" of required type "([^"]+)" was not provided\.$/,
    (m) => `缺少必填字段 "${m[1]}"（类型 "${m[2]}"）`,
  ],
  [/^Field "(\w+)" must be non-null\.$/, (m) => `的字段 "${m[1]}" 不能为空值`],
  [/^Expected non-nullable type "([^"]+)" not to be null\.$/, (m) => `不能为空值（类型 "${m[1]}"）`],
  [/^Expected type "(\w+)"\.$/, (m) => `不是 "${m[1]}" 类型的有效值`],
];

/** What is wrong with a value, or undefined. `Expected type "Money". <the scalar's sentence>` is read as the sentence. */
function valueProblemZh(message: string): string | undefined {
  const wrapped = /^Expected type "\w+"\. ([\s\S]+)$/.exec(message);
  if (wrapped) return valueProblemZh(wrapped[1]);
  for (const [pattern, render] of VALUE_PROBLEMS) {
    const m = pattern.exec(message);
    if (m) return render(m);
  }
  return undefined;
}

/**
 * A variable's value, or a part of it: `变量 $amount 的值 "12.345"`, `变量 $input 中 "input.amount"（金额）的值
 * "x"`; an object or a list is not repeated (`变量 $input 缺少…`).
 */
function variableSubject(name: string, value: string, path: string | undefined): string {
  const whole = /^[{[]/.test(value);
  if (path === undefined) return whole ? `变量 $${name} ` : `变量 $${name} 的值 ${value} `;
  const label = fieldName(path);
  return `变量 $${name} 中 "${path}"${label ? `（${label}）` : ''}${whole ? '' : `的值 ${value} `}`;
}

/** The tokens a syntax error names (graphql/language/lexer.js). */
const TOKENS: Record<string, string> = {
  Name: '名称',
  '<EOF>': '查询文本的结尾',
  Int: '整数',
  Float: '数字',
  String: '字符串',
  BlockString: '字符串',
};
const token = (t: string): string => {
  if (TOKENS[t]) return TOKENS[t];
  const named = /^(Name|Int|Float|String|BlockString) ("[\s\S]*")$/.exec(t);
  if (named) return `${TOKENS[named[1]]} ${named[2]}`;
  return t.startsWith('"') ? t : `"${t}"`;
};

/** Whole messages, by the English GraphQL raises. */
const MESSAGES: Array<[RegExp, Render | ((m: RegExpExecArray) => string | undefined)]> = [
  // Variables (graphql/execution/values.js)
  [
    /^Variable "\$(\w+)" got invalid value ([\s\S]+?)(?: at "\w+((?:\.\w+|\[\d+\])+)")?; ([\s\S]+)$/,
    (m) => {
      const problem = valueProblemZh(m[4]);
      return problem === undefined
        ? undefined
        : `${variableSubject(m[1], m[2], m[3] === undefined ? undefined : `${m[1]}${m[3]}`)}${problem}`;
    },
  ],
  [
    /^Variable "\$(\w+)" of required type "([^"]+)" was not provided\.$/,
    (m) => `缺少必填的变量 $${m[1]}（类型 "${m[2]}"）`,
  ],
  [
    /^Variable "\$(\w+)" of non-null type "([^"]+)" must not be null\.$/,
    (m) => `变量 $${m[1]} 不能为空值（类型 "${m[2]}"）`,
  ],
  [
    /^Variable "\$(\w+)" of type "([^"]+)" used in position expecting type "([^"]+)"\.$/,
    (m) => `变量 $${m[1]} 的类型 "${m[2]}" 与使用处要求的类型 "${m[3]}" 不符`,
  ],
  [
    /^Variable "\$(\w+)" is not defined(?: by operation "(\w+)")?\.$/,
    (m) => `变量 $${m[1]} 未在${m[2] ? `操作 "${m[2]}" 中` : '操作中'}声明`,
  ],
  [
    /^Variable "\$(\w+)" is never used(?: in operation "(\w+)")?\.$/,
    (m) => `变量 $${m[1]} 已声明但${m[2] ? `在操作 "${m[2]}" 中` : ''}未使用`,
  ],
  [/^There can be only one variable named "\$(\w+)"\.$/, (m) => `变量 $${m[1]} 重复声明`],
  [
    /^Variable "\$(\w+)" cannot be non-input type "([^"]+)"\.$/,
    (m) => `变量 $${m[1]} 的类型 "${m[2]}" 不能用作输入`,
  ],
  // Values written in the query text (graphql/validation/rules/ValuesOfCorrectTypeRule.js)
  [
    /^Expected value of type "([^"]+)", found ([\s\S]+?); ([\s\S]+)$/,
    (m) => {
      const problem = valueProblemZh(m[3]);
      return problem === undefined ? undefined : `查询中的值 ${m[2]} ${problem}`;
    },
  ],
  [
    /^Expected value of type "([^"]+)", found ([\s\S]+)\.$/,
    (m) => `查询中的值 ${m[2]} 不是 "${m[1]}" 类型的有效值`,
  ],
  [
    /^Field "(\w+)\.(\w+)" of required type "([^"]+)" was not provided\.$/,
    (m) => `"${m[1]}" 缺少必填字段 "${m[2]}"（类型 "${m[3]}"）`,
  ],
  [/^Field "(\w+)" is not defined by type "(\w+)"\.$/, (m) => `输入类型 "${m[2]}" 没有字段 "${m[1]}"`],
  // A built-in scalar's or an enum's refusal of a value in the query text, reported as it is raised
  [
    /^(?:(?:Int|Float|String|Boolean|ID) cannot represent [^:]*|Enum "\w+" cannot represent non-(?:string|enum) value): ([\s\S]+?)\.?$/,
    (m) => {
      const problem = valueProblemZh(m[0]);
      return problem === undefined ? undefined : `查询中的值 ${m[1]} ${problem}`;
    },
  ],
  [/^Value ("[^"]*") does not exist in "(\w+)" enum\.$/, (m) => `查询中的值 ${m[1]} 不是 "${m[2]}" 的可选值`],
  [/^Field "(\w+)\.(\w+)" must be non-null\.$/, (m) => `"${m[1]}" 的字段 "${m[2]}" 不能为空值`],
  // Fields, arguments, types, directives, operations (graphql/validation/rules/*)
  [/^Cannot query field "(\w+)" on type "(\w+)"\.$/, (m) => `类型 "${m[2]}" 没有字段 "${m[1]}"`],
  [/^Unknown argument "(\w+)" on field "([\w.]+)"\.$/, (m) => `字段 "${m[2]}" 没有参数 "${m[1]}"`],
  [/^Unknown argument "(\w+)" on directive "@(\w+)"\.$/, (m) => `指令 "@${m[2]}" 没有参数 "${m[1]}"`],
  [
    /^Field "(\w+)" argument "(\w+)" of type "([^"]+)" is required, but it was not provided\.$/,
    (m) => `字段 "${m[1]}" 缺少必填参数 "${m[2]}"（类型 "${m[3]}"）`,
  ],
  [
    /^Field "(\w+)" must not have a selection since type "([^"]+)" has no subfields\.$/,
    (m) => `字段 "${m[1]}" 的类型 "${m[2]}" 没有子字段，不能再选择字段`,
  ],
  [
    /^Field "(\w+)" of type "([^"]+)" must have a selection of subfields\.$/,
    (m) => `字段 "${m[1]}" 的类型为 "${m[2]}"，须选择它的子字段`,
  ],
  [/^Unknown type "(\w+)"\.$/, (m) => `未知的类型 "${m[1]}"`],
  [/^Unknown directive "@(\w+)"\.$/, (m) => `未知的指令 "@${m[1]}"`],
  [/^Unknown fragment "(\w+)"\.$/, (m) => `未知的片段 "${m[1]}"`],
  [/^Unknown operation named "([^"]*)"\.$/, (m) => `没有名为 "${m[1]}" 的操作`],
  [
    /^Must provide operation name if query contains multiple operations\.$/,
    () => '查询文本含有多个操作时，须指明要执行的操作名称',
  ],
  [/^There can be only one argument named "(\w+)"\.$/, (m) => `参数 "${m[1]}" 重复`],
  [/^There can be only one input field named "(\w+)"\.$/, (m) => `输入字段 "${m[1]}" 重复`],
  // Syntax (graphql/language/parser.js, lexer.js)
  [
    /^Syntax Error: Expected ([\s\S]+?), found ([\s\S]+)\.$/,
    (m) => `查询文本有语法错误：此处应为 ${token(m[1])}，实际为 ${token(m[2])}`,
  ],
  [/^Syntax Error: Unexpected ([\s\S]+)\.$/, (m) => `查询文本有语法错误：此处不应出现 ${token(m[1])}`],
  [/^Syntax Error: Unterminated string\.$/, () => '查询文本有语法错误：字符串缺少结束的引号'],
  [/^Syntax Error: [\s\S]*$/, () => '查询文本有语法错误'],
  // Apollo Server's HTTP layer (@apollo/server: runHttpQuery.js, preventCsrf.js, httpBatching.js,
  // requestPipeline.js): the request's body, headers or method, before GraphQL reads the query
  [
    /^POST body missing, invalid Content-Type, or JSON object has no keys\.$/,
    () =>
      '请求体为空、请求头 `content-type` 不是 `application/json`，或 JSON 对象中没有任何字段：请以 `application/json` 发送 `{"query": "…"}`',
  ],
  [
    /^This operation has been blocked as a potential Cross-Site Request Forgery \(CSRF\)\. [\s\S]*?is not one of ([^)]+)\)[\s\S]*?following headers: ([^\n]+)\n?$/,
    (m) =>
      `请求被拦截，以防跨站请求伪造（CSRF）：请求头 \`content-type\` 须为 \`application/json\`（不能是 ${codeList(m[1])}），或带上非空的 ${codeList(m[2])} 请求头`,
  ],
  [
    /^GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension\.$/,
    () => '请求须含非空的 `query`（查询文本）或 `persistedQuery` 扩展',
  ],
  [
    /^GraphQL queries must be strings\. It looks like you're sending the internal graphql-js representation[\s\S]*$/,
    () => '`query` 须为查询文本的字符串，不能是解析后的文档对象（可用 `graphql` 的 `print` 转成文本）',
  ],
  [/^GraphQL queries must be strings\.$/, () => '`query` 须为查询文本的字符串'],
  [
    /^`(variables|extensions)` in a POST body should be provided as an object, not a recursively JSON-encoded string\.$/,
    (m) => `\`${m[1]}\` 须为 JSON 对象，不能是再编码成字符串的 JSON`,
  ],
  [
    /^`(variables|extensions)` in a POST body must be an object if provided\.$/,
    (m) => `\`${m[1]}\` 如提供，须为 JSON 对象`,
  ],
  [
    /^`operationName` in a POST body must be a string if provided\.$/,
    () => '`operationName` 如提供，须为字符串',
  ],
  [/^Operation batching disabled\.$/, () => '不支持批量操作：请求体须为一个 JSON 对象，不能是数组'],
  [/^No operations found in request\.$/, () => '请求中没有任何操作'],
  [
    /^An 'accept' header was provided for this request which does not accept ([\s\S]+)$/,
    (m) =>
      `请求头 \`accept\` 不接受本接口的应答格式：须包含 ${codeList(m[1].replace(/; charset=utf-8/g, ''), ' or ')}`,
  ],
  [/^The '(\w+)' search parameter may only be specified once\.$/, (m) => `查询参数 \`${m[1]}\` 只能出现一次`],
  [/^The (\w+) search parameter contains invalid JSON\.$/, (m) => `查询参数 \`${m[1]}\` 不是有效的 JSON`],
  [
    /^The (\w+) search parameter should contain a JSON-encoded object\.$/,
    (m) => `查询参数 \`${m[1]}\` 须为 JSON 编码的对象`,
  ],
  [/^Apollo Server supports only GET\/POST requests\.$/, () => '只支持 GET 和 POST 请求'],
  [
    /^GET requests may not have a content-type header other than application\/json\.$/,
    () => 'GET 请求的请求头 `content-type` 只能是 `application/json`',
  ],
  [
    /^GET requests only support query operations, not (\w+) operations$/,
    (m) => `GET 请求只能执行 \`query\` 操作，不能执行 \`${m[1]}\` 操作：请用 POST`,
  ],
];

/** A list of header names or media types (`a, b, c`, or split by `by`) in Chinese, each in backquotes: a、b 或 c. */
function codeList(list: string, by = ', '): string {
  const names = list
    .split(by)
    .map((n) => n.trim())
    .filter((n) => n.length > 0)
    .map((n) => `\`${n}\``);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join('、')} 或 ${names[names.length - 1]}`;
}

/**
 * `Did you mean "a", "b", or "c"?` (and `Did you mean the enum value "RENT"?`) at the end of a message,
 * and its Chinese; anonymous callers get neither (graphql/query-limits.plugin.ts).
 */
export const SUGGESTION_EN = /\s*Did you mean [^?]*\?/g;
export const SUGGESTION_ZH = /（您是不是想写 [^）]*？）/g;

function suggestionZh(suggestion: string): string {
  const names = suggestion.match(/"[^"]*"/g) ?? [];
  if (names.length === 0) return '';
  const list =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join('、')} 或 ${names[names.length - 1]}`;
  return `（您是不是想写 ${list}？）`;
}

/**
 * The Chinese of a message GraphQL raised for a request it refused, or undefined when the message has
 * no known shape.
 */
export function graphqlMessageZh(message: string): string | undefined {
  const suggestion = /^([\s\S]*?\.?)\s*(Did you mean [^?]*\?)$/.exec(message);
  const text = suggestion ? suggestion[1] : message;
  for (const [pattern, render] of MESSAGES) {
    const m = pattern.exec(text);
    if (!m) continue;
    const zh = render(m);
    if (zh === undefined) return undefined;
    return suggestion ? `${zh}${suggestionZh(suggestion[2])}` : zh;
  }
  // A scalar's refusal on its own (INVALID_VALUE): the value is named in it or unknown.
  const problem = valueProblemZh(text);
  return problem === undefined ? undefined : `该值${problem}`;
}
