import { Locale } from '@/common/i18n/locale';
import { problemMessageZh } from '@/common/i18n/problem-messages';

/**
 * What verifyLedger's problem kinds are called in Chinese (docs/ledger.md, "What each check catches"):
 * the console's words (web/src/features/ledger/ledger-labels.ts; ledger-labels.spec.ts checks that both
 * say the same), and those of the kinds only a refused checkpoint reports.
 */
export const LEDGER_PROBLEM_KIND_LABELS: Readonly<Record<string, string>> = {
  GAP: '条目缺失（序号不连续）',
  LEAF_HASH: '条目内容与叶哈希不符',
  POSITION: '条目位置被调换',
  COLUMN: '查询字段与条目内容不符',
  SIGNATURE: '条目签名无效',
  CANONICAL: '条目不是规范 JSON',
  CHECKPOINT_ROOT: '检查点的根与条目不符',
  NODE_HASH: '存储的子树哈希有误',
  NODE_MISSING: '缺少存储的子树',
  TRUNCATED: '账本比检查点短（尾部被截断）',
  CHECKPOINT_SIGNATURE: '检查点签名无效',
  CHECKPOINT_COLUMNS: '检查点字段与签名内容不符',
  CHECKPOINT_MISSING: '检查点缺失',
  CHECKPOINT_LINK: '检查点链接无效',
  CHECKPOINT_UNLINKED: '检查点链接被移除',
  CHECKPOINT_ORDER: '检查点编号顺序有误',
  CHECKPOINT_ORIGIN: '检查点不属于本账本',
  CONSISTENCY: '新旧检查点不一致（一致性证明不成立）',
};

/** A ledger alarm as stored (ledger_alarm, insert-only): the first problem's kind and index, and the English. */
export interface StoredAlarm {
  kind: string;
  message: string;
  firstIndex: number | null;
  treeSize: number | null;
}

/** `refused to sign a checkpoint at size N (latest checkpoint M): <summary>` (checkpoint.service.ts). */
const REFUSED = /^refused to sign a checkpoint at size (\d+) \(latest checkpoint (\d+)\): ([\s\S]*)$/;
/** The summary of several problems: `N problems, the first: <message>`. */
const SEVERAL = /^(\d+) problems, the first: ([\s\S]*)$/;

/**
 * The red flag's sentence for a ledger alarm, in the reader's language. The stored row is never changed:
 * Chinese is made when it is read, from the kind and index of its first problem and the sizes its English
 * names (a first problem of a kind without a name is said in its message's Chinese, if it has one).
 */
export function ledgerAlarmText(alarm: StoredAlarm, locale: Locale): string {
  if (locale === 'en') return `The ledger does not verify, so no checkpoint was signed: ${alarm.message}`;
  const refused = REFUSED.exec(alarm.message);
  const size = refused?.[1] ?? (alarm.treeSize === null ? undefined : String(alarm.treeSize));
  const several = refused ? SEVERAL.exec(refused[3]) : null;
  const firstMessage = several ? several[2] : refused?.[3];
  const label = LEDGER_PROBLEM_KIND_LABELS[alarm.kind];
  const first =
    label !== undefined
      ? `${label}${alarm.firstIndex === null || alarm.kind === 'TRUNCATED' ? '' : `（条目序号 ${alarm.firstIndex}）`}`
      : ((firstMessage === undefined ? undefined : problemMessageZh(firstMessage)) ??
        `问题类型 ${alarm.kind}`);
  const checkpoint =
    size === undefined
      ? '检查点'
      : `规模 ${size} 的检查点${refused && refused[2] !== '0' ? `（最新检查点规模 ${refused[2]}）` : ''}`;
  return `账本校验未通过，拒绝签署${checkpoint}：${several ? `共 ${several[1]} 处问题，第一处：${first}` : first}`;
}

/** A witness's refusal as stored (witness_refusal): its reason is the witness's own words. */
export interface StoredRefusal {
  witnessName: string;
  treeSize: number;
  status: number;
  reason: string;
}

/**
 * The red flag's sentence for a witness's refusal. The reason is quoted as the witness sent it (often
 * English), labelled as its own words; the status it answered with is said once (a pushed refusal's
 * reason starts with it).
 */
export function witnessRefusalText(r: StoredRefusal, locale: Locale): string {
  const said = r.reason.startsWith(`${r.status}: `) ? r.reason.slice(`${r.status}: `.length) : r.reason;
  if (locale === 'en') {
    return `Witness ${r.witnessName} refused the checkpoint at size ${r.treeSize} (status ${r.status}): the witness said “${said.trim()}”`;
  }
  const words = said.trim();
  return `见证人 ${r.witnessName} 拒绝联署规模 ${r.treeSize} 的检查点（状态 ${r.status}）${
    words ? `，见证人原文：“${words}”` : ''
  }`;
}
