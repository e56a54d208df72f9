import { createServer, request, type Server } from "node:http";

export interface RoundRobinProxy {
  url: string;
  /** Requests handed to each upstream, in the order given. */
  forwarded: number[];
  /** Requests answered 502 because the chosen upstream did not answer (it is not retried elsewhere). */
  failed: number;
  close(): Promise<void>;
}

/**
 * The smallest load balancer: each request goes to the next upstream in turn, streamed both ways.
 * No retry on another upstream, so a request that reached a killed instance is seen as failed.
 */
export function startRoundRobinProxy(upstreams: string[], port = 0): Promise<RoundRobinProxy> {
  let next = 0;
  const forwarded = upstreams.map(() => 0);
  const state = { failed: 0 };
  const server: Server = createServer((req, res) => {
    const index = next++ % upstreams.length;
    forwarded[index]!++;
    const target = new URL(req.url ?? "/", upstreams[index]);
    const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => {
      state.failed++;
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end("upstream unavailable");
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      const actual = typeof address === "object" && address ? address.port : port;
      resolve({
        url: `http://127.0.0.1:${actual}`,
        forwarded,
        get failed() {
          return state.failed;
        },
        close: () => new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}
