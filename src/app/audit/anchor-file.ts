/**
 * The chain head anchored outside the database (decision 017): checkpoints appended, one line
 * each and fsynced, to a file in SIMPUL_AUDIT_ANCHOR_DIR (by default a folder next to DATA_DIR,
 * never inside it). Each line is signed with a subkey of the master key, and the file is named
 * after the key, so installations sharing a folder never mix their checkpoints. Someone who
 * holds the database but not the key cannot make a shorter or rewritten chain match them.
 */
import {
  accessSync,
  closeSync,
  constants,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  type Checkpoint,
  checkpointBody,
  checkpointLine,
  parseCheckpointLine,
} from '../../domain/audit-chain.ts';
import type { Keyring } from '../crypto.ts';

export function anchorFile(dir: string, keys: Keyring): string {
  return join(dir, `simpul-audit-${keys.anchorFileId()}.jsonl`);
}

/** Creates the anchor folder if needed; throws a one-sentence Error when it cannot be written. */
export function prepareAnchorDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new Error(
      `Configuration error: SIMPUL_AUDIT_ANCHOR_DIR (${dir}) cannot be written (${(e as NodeJS.ErrnoException).code ?? 'error'}); the audit chain's checkpoints go there.`,
    );
  }
}

/** Appends one checkpoint and waits until it is on disk. */
export function appendCheckpoint(dir: string, keys: Keyring, c: Checkpoint): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const fd = openSync(anchorFile(dir, keys), 'a', 0o600);
  try {
    writeSync(fd, checkpointLine(c, keys.anchorSig(checkpointBody(c))));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export type AnchorRead = {
  file: string;
  checkpoints: Checkpoint[];
  /** line numbers (1-based) that are not a checkpoint signed with this key */
  badLines: number[];
};

/** Every checkpoint of the file (none when it does not exist yet). */
export function readCheckpoints(dir: string, keys: Keyring): AnchorRead {
  const file = anchorFile(dir, keys);
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const checkpoints: Checkpoint[] = [];
  const badLines: number[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const c = parseCheckpointLine(line);
    // a line cut short by a crash while it was written can only be the last one
    if (!c && i === lines.length - 1) return;
    if (!c || c.sig !== keys.anchorSig(checkpointBody(c))) {
      badLines.push(i + 1);
      return;
    }
    checkpoints.push({ seq: c.seq, mac: c.mac, eventId: c.eventId, at: c.at });
  });
  return { file, checkpoints, badLines };
}

/** The checkpoint with the highest place in the chain. */
export function latestCheckpoint(cs: Checkpoint[]): Checkpoint | undefined {
  let best: Checkpoint | undefined;
  for (const c of cs) if (!best || c.seq > best.seq) best = c;
  return best;
}
