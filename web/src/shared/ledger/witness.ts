/**
 * The browser witness (C2SP tlog-witness, on the witness's side): given the add-checkpoint body the server
 * hands out (`old <size>`, the consistency proof lines, a blank line, the signed checkpoint), the log key
 * the witness pinned and what it cosigned last, it decides whether to cosign. It cosigns only a
 * checkpoint signed by the log's key that provably extends the one it cosigned before; anything else is
 * refused with a status (as tlog-witness answers) and a reason in Chinese for the people who read it.
 * The caller must save the returned state durably before handing out the cosignature.
 */
import { bytesEqual, decodeBase64, encodeBase64 } from './bytes';
import { cosign, type WitnessKey } from './cosignature';
import { checkConsistency } from './merkle';
import { type Checkpoint, openNote, parseCheckpoint, parseNote, type VerifierKey } from './note';

/** What a witness remembers of the log: the size and root it cosigned last, and when. */
export interface WitnessState {
  size: number;
  rootHash: string;
  time: number;
}

export type WitnessDecision =
  | { ok: true; checkpoint: Checkpoint; note: string; line: string; state: WitnessState }
  | { ok: false; status: number; reason: string; oldSize: number; checkpoint?: Checkpoint };

/** Parses an add-checkpoint request body. */
export function parseAddCheckpoint(body: string): { oldSize: number; proof: Uint8Array[]; note: string } {
  const blank = body.indexOf('\n\n');
  if (blank < 0) throw new Error('证明与检查点之间没有空行');
  const head = body.slice(0, blank).split('\n');
  const old = /^old (0|[1-9][0-9]{0,15})$/.exec(head[0]);
  if (!old) throw new Error('第一行须为 "old <规模>"');
  const lines = head.slice(1);
  if (lines.length > 63) throw new Error('证明超过 63 行');
  const proof = lines.map((l, i) => {
    const h = decodeBase64(l);
    if (h === null || h.length !== 32) throw new Error(`证明第 ${i + 1} 行不是哈希`);
    return h;
  });
  return { oldSize: Number(old[1]), proof, note: body.slice(blank + 2) };
}

export async function witnessAddCheckpoint(
  body: string,
  opts: {
    origin: string;
    logKeys: readonly VerifierKey[];
    state: WitnessState | null;
    key: WitnessKey;
    now: number;
  },
): Promise<WitnessDecision> {
  let request: ReturnType<typeof parseAddCheckpoint>;
  let checkpoint: Checkpoint;
  let text: string;
  try {
    request = parseAddCheckpoint(body);
    text = parseNote(request.note).text;
    checkpoint = parseCheckpoint(text);
  } catch (e) {
    return { ok: false, status: 400, reason: `请求格式不正确：${(e as Error).message}`, oldSize: 0 };
  }
  const oldSize = request.oldSize;
  const refuse = (status: number, reason: string): WitnessDecision => ({
    ok: false,
    status,
    reason,
    oldSize,
    checkpoint,
  });
  if (checkpoint.origin !== opts.origin) return refuse(404, `不是本见证人见证的账本：${checkpoint.origin}`);
  try {
    await openNote(request.note, opts.logKeys);
  } catch (e) {
    return refuse(403, `检查点没有账本密钥的有效签名：${(e as Error).message}`);
  }
  const known = opts.state?.size ?? 0;
  if (oldSize !== known) {
    return refuse(409, `服务器给出的起点规模 ${oldSize} 不是本见证人上次联署的规模 ${known}`);
  }
  if (checkpoint.size < known) {
    return refuse(409, `账本变短了：上次联署规模 ${known}，现在只有 ${checkpoint.size}`);
  }
  if (known === 0) {
    if (request.proof.length > 0) return refuse(422, '从规模 0 起的一致性证明必须为空');
  } else {
    const oldRoot = decodeBase64(opts.state!.rootHash);
    if (oldRoot === null) return refuse(500, '本机保存的见证状态已损坏');
    if (known === checkpoint.size && !bytesEqual(oldRoot, checkpoint.rootHash)) {
      return refuse(
        409,
        `账本出现分叉：规模 ${known} 时联署的根为 ${opts.state!.rootHash}，现在为 ${encodeBase64(checkpoint.rootHash)}`,
      );
    }
    const r = await checkConsistency(known, checkpoint.size, request.proof, oldRoot, checkpoint.rootHash);
    if (!r.ok) {
      return refuse(
        422,
        `与此前联署的检查点（规模 ${known}，根 ${opts.state!.rootHash}）不一致：${r.reason}`,
      );
    }
  }
  const state = { size: checkpoint.size, rootHash: encodeBase64(checkpoint.rootHash), time: opts.now };
  return { ok: true, checkpoint, note: request.note, line: await cosign(opts.key, text, opts.now), state };
}
