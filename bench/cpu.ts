/**
 * Where the CPU of a run went (Linux: /proc), so a benchmark can say whether the receiver, Postgres
 * or the load generator itself set the limit: CPU milliseconds of a receiver (its process and
 * descendants), of every Postgres server process, and of this load generator.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // USER_HZ is 100 on Linux

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  ms: number;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const fields = stat.slice(close + 2).split(" ");
      out.push({ pid: Number(name), ppid: Number(fields[1]), comm: stat.slice(stat.indexOf("(") + 1, close), ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS });
    } catch {
      // The process ended while being read.
    }
  }
  return out;
}

export interface CpuSample {
  receiver: number;
  postgres: number;
  loadGenerator: number;
}

/** CPU used so far by the processes under `roots`, by Postgres, and by this process; null off Linux. */
export function cpuSample(roots: readonly number[]): CpuSample | null {
  if (process.platform !== "linux") return null;
  const all = processes();
  const mine = new Set(roots);
  // Descendants (a receiver may run its server in a child process).
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (mine.has(p.pid) || !mine.has(p.ppid)) continue;
      mine.add(p.pid);
      grew = true;
    }
  }
  const usage = process.cpuUsage();
  return {
    receiver: all.filter((p) => mine.has(p.pid)).reduce((s, p) => s + p.ms, 0),
    postgres: all.filter((p) => p.comm === "postgres").reduce((s, p) => s + p.ms, 0),
    loadGenerator: (usage.user + usage.system) / 1000,
  };
}

/** CPU milliseconds per request between two samples, by process; null off Linux. */
export function cpuPerRequest(before: CpuSample | null, after: CpuSample | null, requests: number): CpuSample | null {
  if (!before || !after) return null;
  const per = (k: keyof CpuSample) => (after[k] - before[k]) / requests;
  return { receiver: per("receiver"), postgres: per("postgres"), loadGenerator: per("loadGenerator") };
}

/** All the CPU a request took: its receiver, Postgres and the load generator. */
export function totalPerRequest(cpu: CpuSample): number {
  return cpu.receiver + cpu.postgres + cpu.loadGenerator;
}

/** CPU per request (from cpuPerRequest) as one line, with the share of a core over the run. */
export function describeCpu(cpu: CpuSample | null, requests: number, seconds: number): string {
  if (!cpu) return "";
  const part = (k: keyof CpuSample) => `${cpu[k].toFixed(2)} ms/req (${((cpu[k] * requests) / (seconds * 10)).toFixed(0)} % of a core)`;
  return `      CPU: receiver ${part("receiver")}, Postgres ${part("postgres")}, load generator ${part("loadGenerator")}`;
}
