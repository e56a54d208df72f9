// The baseline for `bench:ingest`: node:http + postgres.js doing one INSERT … ON CONFLICT DO NOTHING
// per callback, with no verification and no normalisation. Started by bench/ingest.ts.
import { createServer } from "node:http";
import postgres from "postgres";

const sql = postgres(process.env.DATABASE_URL, { max: 10, onnotice: () => {} });
await sql`CREATE TABLE IF NOT EXISTS bare_events (app_id text NOT NULL, dedupe_key text NOT NULL, raw bytea NOT NULL,
          received_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (app_id, dedupe_key))`;
let seq = 0;
const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const raw = Buffer.concat(chunks);
    const key = req.headers["x-sinch-webhook-signature-nonce"] ?? String(seq++);
    sql`INSERT INTO bare_events (app_id, dedupe_key, raw) VALUES (${req.url}, ${key}, ${raw}) ON CONFLICT DO NOTHING`.then(
      () => res.writeHead(200).end(),
      () => res.writeHead(503).end(),
    );
  });
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
