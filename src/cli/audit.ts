// `simpul audit seal | verify [--checkpoints FILE] | status`: the audit chain from the command
// line. verify recomputes the whole chain (or from the last of the outside checkpoints given in
// FILE, one JSON object per line as exported to AUDIT_CHECKPOINT_DIR) and names the first broken
// entry; exit code 0 when intact, 1 when not, 2 on bad usage.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { AuditChain, Checkpoint } from '../platform/audit/seal.ts';

export async function runAuditCommand(chain: AuditChain, args: string[], out: (line: string) => void = console.log): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'seal': {
      const n = await chain.seal();
      const c = await chain.checkpoint(true);
      out(`Sealed ${n} audit event(s); checkpoint ${c?.seq ?? '-'} ${c?.chainHash ?? ''}`.trim());
      return 0;
    }
    case 'status': {
      const s = await chain.status();
      out(JSON.stringify(s, null, 2));
      return s.alarm ? 1 : 0;
    }
    case 'verify': {
      let values: { checkpoints?: string };
      try {
        ({ values } = parseArgs({ args: rest, options: { checkpoints: { type: 'string' } } }));
      } catch (err) {
        out((err as Error).message);
        return 2;
      }
      let outside: Checkpoint[] = [];
      if (values.checkpoints) {
        try {
          outside = fs
            .readFileSync(values.checkpoints, 'utf8')
            .split('\n')
            .filter((l) => l.trim())
            .map((l) => JSON.parse(l) as Checkpoint);
        } catch (err) {
          out(`Cannot read the checkpoints file: ${(err as Error).message}`);
          return 2;
        }
      }
      const report = await chain.verify({ outside });
      if (report.ok) {
        out(`Audit chain intact: ${report.checked} sealed event(s) checked, head ${report.head.seq} ${report.head.chainHash}`);
        return 0;
      }
      out(`Audit chain BROKEN at ${report.firstProblem!.seq}: ${report.firstProblem!.kind}: ${report.firstProblem!.detail}`);
      return 1;
    }
    default:
      out('Usage: simpul audit seal | status | verify [--checkpoints FILE]');
      return 2;
  }
}
