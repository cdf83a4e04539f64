import { ErrorCode } from '../errors/error-codes';
import { ERROR_MESSAGES } from './error-messages';
import { fieldMessageZh } from './field-messages';
import { fieldName } from './field-names';
import { graphqlMessageZh, SUGGESTION_EN, SUGGESTION_ZH } from './graphql-messages';
import { localeOf } from './locale';
import { localizeError } from './localize-error';

describe('localeOf', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['zh-CN,zh;q=0.9', 'zh-CN'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN;q=0.5, en;q=0.8', 'en'],
    ['en;q=0.3, zh;q=0.9', 'zh-CN'],
    ['fr-FR', 'zh-CN'],
    ['fr, en;q=0.5', 'en'],
    ['en;q=0', 'zh-CN'],
  ])('%s → %s', (header, locale) => {
    expect(localeOf(header)).toBe(locale);
  });
});

describe('the error message catalog', () => {
  it('has a Chinese sentence for every error code', () => {
    const missing = Object.values(ErrorCode).filter((code) => !ERROR_MESSAGES[code]);
    expect(missing).toEqual([]);
  });
});

describe('localizeError', () => {
  const error = {
    code: 'BAD_USER_INPUT',
    reason: 'VALIDATION_FAILED',
    message: 'Invalid input: input.name: name should not be empty; input.owners[1].sharePercent: odd',
    fields: [
      { field: 'input.name', message: 'name should not be empty' },
      { field: 'input.owners[1].sharePercent', message: 'odd' },
      { field: 'input.zzz', message: 'zzz must not be greater than 5' },
    ],
  };

  it('says a message that carries details whole in Chinese, with its amounts (the reason alone otherwise)', () => {
    const raised = {
      code: 'BAD_USER_INPUT',
      reason: 'PAYOUT_EXCEEDS_ALLOCATION',
      message: 'The allocation has 100.00 yuan left to pay: 130.00 yuan would pay more than that',
    };
    expect(localizeError(raised, 'zh-CN')).toEqual({
      message: '该分配项尚可发放 100.00 元，本次 130.00 元将超额发放',
    });
    expect(localizeError(raised, 'en')).toEqual({ message: raised.message });
    // Another reason's pattern does not apply.
    expect(localizeError({ ...raised, reason: 'PAYOUT_EXCEEDS_SHARE' }, 'zh-CN')).toEqual({
      message: ERROR_MESSAGES.PAYOUT_EXCEEDS_SHARE,
    });
    expect(localizeError({ ...raised, message: 'exceeds' }, 'zh-CN')).toEqual({
      message: ERROR_MESSAGES.PAYOUT_EXCEEDS_ALLOCATION,
    });
  });

  it('says a refused village list and each of its rows in Chinese, and keeps them in English on request', () => {
    const problems = [
      { row: 3, column: '代码', message: '500101151204 is also on row 2' },
      { row: 4, column: '名称', message: 'the name must not be empty' },
      { row: 5, column: '名称', message: 'something new' },
    ];
    const refused = {
      code: 'BAD_USER_INPUT',
      reason: 'REGION_IMPORT_INVALID',
      message:
        'The village list has 3 problems, nothing was imported: row 3, column "代码": 500101151204 is also on row 2 | ' +
        'row 4, column "名称": the name must not be empty | row 5, column "名称": something new',
      details: { problems },
    };
    expect(localizeError(refused, 'zh-CN')).toEqual({
      message:
        '村（社区）名单有 3 处问题，未导入任何记录：第 3 行「代码」：500101151204 与第 2 行重复；' +
        '第 4 行「名称」：名称不能为空；第 5 行「名称」：something new',
      details: {
        problems: [
          { row: 3, column: '代码', message: '500101151204 与第 2 行重复' },
          { row: 4, column: '名称', message: '名称不能为空' },
          { row: 5, column: '名称', message: 'something new' },
        ],
      },
    });
    expect(localizeError(refused, 'en')).toEqual({ message: refused.message, details: { problems } });
  });

  it('keeps the English message and fields as raised', () => {
    expect(localizeError(error, 'en')).toEqual({ message: error.message, fields: error.fields });
  });

  it('says it in Chinese, each field named in Chinese (its path when it has no name)', () => {
    expect(localizeError(error, 'zh-CN')).toEqual({
      message: '填写的内容有误：「名称」不能为空；「所有权人 2 份额（%）」：odd；「input.zzz」不能大于 5',
      fields: [
        { field: 'input.name', label: '名称', message: '不能为空' },
        { field: 'input.owners[1].sharePercent', label: '所有权人 2 份额（%）', message: 'odd' },
        { field: 'input.zzz', message: '不能大于 5' },
      ],
    });
  });

  it('says what is wrong with the owners of a proposal in Chinese, each owner numbered as the form does', () => {
    const refused = {
      code: 'BAD_USER_INPUT',
      reason: 'VALIDATION_FAILED',
      message: 'input.owners[0].ownerType: only household assets are owned by households; …',
      fields: [
        { field: 'input.owners[0].ownerType', message: 'only household assets are owned by households' },
        {
          field: 'input.owners[1].ownerRef',
          message: 'a village collective is named by its 12-digit village code',
        },
        { field: 'input.owners[2].ownerRef', message: 'the same owner is listed twice' },
        { field: 'input.owners[3].sharePercent', message: 'must be above 0 and at most 100' },
      ],
    };
    expect(localizeError(refused, 'zh-CN')).toEqual({
      message:
        '填写的内容有误：「所有权人 1 类型」只有到户类资产的所有权人才能是农户；' +
        '「所有权人 2 编码」村集体经济组织的编码须为本村的 12 位区划代码；' +
        '「所有权人 3 编码」同一所有权人重复列出；「所有权人 4 份额（%）」须大于 0、不超过 100',
      fields: [
        {
          field: 'input.owners[0].ownerType',
          label: '所有权人 1 类型',
          message: '只有到户类资产的所有权人才能是农户',
        },
        {
          field: 'input.owners[1].ownerRef',
          label: '所有权人 2 编码',
          message: '村集体经济组织的编码须为本村的 12 位区划代码',
        },
        { field: 'input.owners[2].ownerRef', label: '所有权人 3 编码', message: '同一所有权人重复列出' },
        {
          field: 'input.owners[3].sharePercent',
          label: '所有权人 4 份额（%）',
          message: '须大于 0、不超过 100',
        },
      ],
    });
    expect(localizeError(refused, 'en')).toEqual({ message: refused.message, fields: refused.fields });
  });

  it('falls back to the sentence of the code, and keeps what GraphQL itself said', () => {
    expect(localizeError({ code: 'CONFLICT', reason: 'SOMETHING_NEW', message: 'x' }, 'zh-CN').message).toBe(
      '操作与现有数据冲突，请刷新后重试',
    );
    expect(
      localizeError(
        { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED', message: 'Cannot query field "x"' },
        'zh-CN',
      ).message,
    ).toBe('请求不符合接口定义：Cannot query field "x"');
  });
});

describe('fieldName', () => {
  it.each([
    ['input.owners[0].ownerType', '所有权人 1 类型'],
    ['input.owners[1].ownerRef', '所有权人 2 编码'],
    ['input.owners[1].name', '所有权人 2 名称'],
    ['input.owners[11].sharePercent', '所有权人 12 份额（%）'],
    ['input.owners[2]', '所有权人 3'],
    ['input.owners', '所有权人'],
    ['input.managementEntity', '管护主体'],
    ['input.fundSources[1].amount', '金额'],
    ['input.channelLimits[0].minPercent', '比例限制 1 不低于（%）'],
    ['input.channelLimits[2].channel', '比例限制 3 用途'],
    ['input.channelLimits', '比例限制'],
    ['decisionEvidence.twoCommitteesDiscussionOn', '村两委会议商议'],
    ['items[3].observedStatus', '实际状态'],
    ['thresholds.idleDays', '资产闲置超过（天）'],
    ['input.nothingLikeThis', undefined],
  ])('%s → %s', (path, name) => {
    expect(fieldName(path)).toBe(name);
  });
});

describe('fieldMessageZh', () => {
  it.each([
    ['code must be shorter than or equal to 40 characters', '不能超过 40 个字符'],
    ['each value in fileIds must be a UUID', '必须是有效的记录编号（UUID）'],
    ['property foo should not exist', '是不允许的字段'],
    ['kind must be one of the following values: RENT, DIVIDEND', '必须是以下值之一：RENT, DIVIDEND'],
    ['first must not be less than 1', '不能小于 1'],
    ['sharePercent must be a percentage such as "33.33"', '须为百分数，最多两位小数，如 33.33'],
    ['shares add up to 99.99%, not 100%', '份额合计为 99.99%，须为 100%'],
    ['a township is named by its 9-digit code', '乡镇的编码须为乡镇的 9 位区划代码'],
    ['a household asset is owned by households', '到户类资产的所有权人须为农户'],
    ['between 2024-01-01 and 2024-06-30', '须在 2024-01-01 到 2024-06-30 之间'],
    ['required for STATUS_DIFFERS: the status found', '清查结果为“状态不符”时须选择实际状态'],
    ['only for STATUS_DIFFERS', '只有清查结果为“状态不符”时才填写'],
    ['something only the service says', undefined],
  ])('%s → %s', (message, zh) => {
    expect(fieldMessageZh(message)).toBe(zh);
  });
});

describe('graphqlMessageZh', () => {
  it.each([
    [
      'Variable "$amount" got invalid value "12.345"; Expected type "Money". "12.345" is not an amount in yuan with at most two decimals (e.g. "12345.67")',
      '变量 $amount 的值 "12.345" 不是有效金额：金额以元为单位，最多两位小数，如 "12345.67"',
    ],
    [
      'Variable "$in" got invalid value "x" at "in.fundSources[1].amount"; Expected type "Money". "x" is not an amount in yuan with at most two decimals (e.g. "12345.67")',
      '变量 $in 中 "in.fundSources[1].amount"（金额）的值 "x" 不是有效金额：金额以元为单位，最多两位小数，如 "12345.67"',
    ],
    [
      'Variable "$input" got invalid value { a: 1 }; Field "code" of required type "String!" was not provided.',
      '变量 $input 缺少必填字段 "code"（类型 "String!"）',
    ],
    [
      'Expected value of type "LocalDate", found 20211001; LocalDate must be a string YYYY-MM-DD',
      '查询中的值 20211001 不是有效日期：日期须写成字符串，须为日历上存在的日期，写作 YYYY-MM-DD，如 "2026-12-01"',
    ],
    [
      'Int cannot represent non 32-bit signed integer value: 3000000000',
      '查询中的值 3000000000 超出整数范围：须在 -2147483648 到 2147483647 之间',
    ],
    [
      'Value "NOPE" does not exist in "IncomeKind" enum. Did you mean the enum value "RENT" or "OTHER"?',
      '查询中的值 "NOPE" 不是 "IncomeKind" 的可选值（您是不是想写 "RENT" 或 "OTHER"？）',
    ],
    [
      'Cannot query field "x" on type "Query". Did you mean "a", "b", or "c"?',
      '类型 "Query" 没有字段 "x"（您是不是想写 "a"、"b" 或 "c"？）',
    ],
    ['Syntax Error: Expected Name, found <EOF>.', '查询文本有语法错误：此处应为 名称，实际为 查询文本的结尾'],
    [
      "An 'accept' header was provided for this request which does not accept application/json; charset=utf-8 or application/graphql-response+json; charset=utf-8",
      '请求头 `accept` 不接受本接口的应答格式：须包含 `application/json` 或 `application/graphql-response+json`',
    ],
    ['`variables` in a POST body must be an object if provided.', '`variables` 如提供，须为 JSON 对象'],
    [
      'GET requests only support query operations, not mutation operations',
      'GET 请求只能执行 `query` 操作，不能执行 `mutation` 操作：请用 POST',
    ],
    ['Something GraphQL says one day', undefined],
    ['Variable "$x" got invalid value 1; A rule of tomorrow', undefined],
  ])('%s', (message, zh) => {
    expect(graphqlMessageZh(message)).toBe(zh);
  });

  it('says a refusal of GraphQL in Chinese through localizeError, and keeps the English for en', () => {
    const error = {
      code: 'BAD_USER_INPUT',
      reason: 'BAD_USER_INPUT',
      message: 'Variable "$id" of required type "ID!" was not provided.',
    };
    expect(localizeError(error, 'zh-CN').message).toBe('缺少必填的变量 $id（类型 "ID!"）');
    expect(localizeError(error, 'en').message).toBe(error.message);
  });

  it('has suggestions that can be taken out in both languages', () => {
    const en = 'Cannot query field "x" on type "Query". Did you mean "y"?';
    expect(en.replace(SUGGESTION_EN, '')).toBe('Cannot query field "x" on type "Query".');
    expect(graphqlMessageZh(en)!.replace(SUGGESTION_ZH, '')).toBe('类型 "Query" 没有字段 "x"');
  });
});

describe('a refused checkpoint', () => {
  it('says the first problem the verification found in Chinese, not quoted English', () => {
    const error = {
      code: 'CONFLICT',
      reason: 'LEDGER_INTEGRITY',
      message:
        'The ledger does not verify, so no checkpoint was signed: 2 problems, the first: entry 4: signature does not verify with the ledger key',
    };
    expect(localizeError(error, 'zh-CN').message).toBe(
      '审计账本校验未通过，未签署检查点：共 2 处问题，第一处：条目序号 4：条目签名无效（不是账本密钥的签名）',
    );
    expect(
      localizeError(
        {
          ...error,
          message: 'The ledger does not verify, so no checkpoint was signed: entries 3…5 are missing',
        },
        'zh-CN',
      ).message,
    ).toBe('审计账本校验未通过，未签署检查点：条目 3–5 缺失');
  });
});
