// autocannon ships no types; this is the little of its API the benchmark uses.
declare module 'autocannon' {
  interface Request { method?: string; path?: string; headers?: Record<string, string>; body?: string; setupRequest?: (req: any) => any }
  interface Options { url: string; connections?: number; duration?: number; pipelining?: number; method?: string; headers?: Record<string, string>; body?: string; requests?: Request[] }
  interface Result { requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number; '2xx': number }
  function autocannon(opts: Options): Promise<Result>;
  export type { Request, Options, Result };
  export default autocannon;
}
