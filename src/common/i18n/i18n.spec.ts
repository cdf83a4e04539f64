import { ErrorCode } from '../errors/error-codes';
import { ERROR_MESSAGES } from './error-messages';
import { fieldMessageZh } from './field-messages';
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

  it('keeps a message the service wrote in Chinese whole, with its amounts', () => {
    const raised = {
      code: 'BAD_USER_INPUT',
      reason: 'ASSET_INVESTMENT_EXCEEDS_PROJECT',
      message: '资金来源 财政衔接资金：项目投资 100.00 元，已用 80.00 元，本资产 30.00 元',
    };
    expect(localizeError(raised, 'zh-CN')).toEqual({ message: raised.message });
    expect(localizeError({ ...raised, message: 'exceeds' }, 'zh-CN')).toEqual({
      message: ERROR_MESSAGES.ASSET_INVESTMENT_EXCEEDS_PROJECT,
    });
  });

  it('keeps the English message and fields as raised', () => {
    expect(localizeError(error, 'en')).toEqual({ message: error.message, fields: error.fields });
  });

  it('says it in Chinese, each field named in Chinese (its path when it has no name)', () => {
    expect(localizeError(error, 'zh-CN')).toEqual({
      message: '填写的内容有误：「名称」不能为空；「份额比例」：odd；「input.zzz」不能大于 5',
      fields: [
        { field: 'input.name', label: '名称', message: '不能为空' },
        { field: 'input.owners[1].sharePercent', label: '份额比例', message: 'odd' },
        { field: 'input.zzz', message: '不能大于 5' },
      ],
    });
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

describe('fieldMessageZh', () => {
  it.each([
    ['code must be shorter than or equal to 40 characters', '不能超过 40 个字符'],
    ['each value in fileIds must be a UUID', '必须是有效的记录编号（UUID）'],
    ['property foo should not exist', '是不允许的字段'],
    ['kind must be one of the following values: RENT, DIVIDEND', '必须是以下值之一：RENT, DIVIDEND'],
    ['first must not be less than 1', '不能小于 1'],
    ['something only the service says', undefined],
  ])('%s → %s', (message, zh) => {
    expect(fieldMessageZh(message)).toBe(zh);
  });
});
