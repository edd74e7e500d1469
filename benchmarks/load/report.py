#!/usr/bin/env python3
"""The table of benchmarks/load/run.sh: reads its results (JSON lines written by request.lua's done()
and by run.sh), prints one row per provider and operation with requests/s and latency percentiles
for the backend direct, nginx and the gateway, the gateway's ratios, upstream round trips per
unified call, and the targets of issue 7 checked against the figures."""
import json
import statistics
import sys
from collections import defaultdict

VARIANTS = ("direct", "nginx", "gateway")
GET_RATIO_TARGET = 1.0        # gateway GET >= 1.0x nginx requests/s
GET_P99_MARGIN_MS = 0.5       # gateway GET p99 <= nginx p99 + 0.5 ms
PATCH_RATIO_TARGET = 0.8      # gateway PATCH >= 0.8x nginx requests/s


def load(path):
    runs = defaultdict(list)    # label -> [wrk result, ...] in order
    upstream = defaultdict(list)
    meta = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            d = json.loads(line)
            if "meta" in d:
                meta = d["meta"]
            elif "upstream_requests" in d:
                upstream[d["label"]].append(d)
            else:
                runs[d["label"]].append(d)
    return runs, upstream, meta


def summarise(run, up):
    """Figures of one wrk run; `up` is the mock's count for the same run."""
    seconds = run["duration_us"] / 1e6
    e = run["errors"]
    # The Digest client's 401s are part of its protocol, not failures.
    errors = e["connect"] + e["read"] + e["write"] + e["timeout"] + max(0, e["status"] - run["client_challenges"])
    return {
        "rps": run["requests"] / seconds if seconds else 0.0,
        "p50": run["p50_us"] / 1000, "p99": run["p99_us"] / 1000, "p999": run["p999_us"] / 1000,
        "errors": errors, "requests": run["requests"],
        "up_requests": up["upstream_requests"] if up else None,
        "up_challenges": up["upstream_challenges"] if up else None,
        # The proxy's CPU time per request (µs): what its core spent, however busy the machine was.
        "cpu_us": up["proxy_cpu_ms"] * 1000 / run["requests"] if up and up.get("proxy_cpu_ms") and run["requests"]
        else None,
    }


def paired_ratios(gateway_runs, nginx_runs):
    """With --repeat, nginx and the gateway alternate within a row (nginx 1, gateway 1, nginx 2, ...),
    so each gateway run has an nginx run of the same minute beside it. On a guest whose speed drifts
    from one window to the next, the ratio within each pair is steadier than the ratio of two
    separately chosen runs; the median of the paired ratios stands for the row."""
    pairs = min(len(gateway_runs), len(nginx_runs))
    ratios = []
    for i in range(pairs):
        g, n = gateway_runs[i], nginx_runs[i]
        if g["duration_us"] and n["duration_us"] and n["requests"]:
            ratios.append((g["requests"] / g["duration_us"]) / (n["requests"] / n["duration_us"]))
    return ratios


def median_run(runs, ups):
    """With --repeat, the run with the median requests/s stands for the row."""
    figures = [summarise(r, ups[i] if i < len(ups) else None) for i, r in enumerate(runs)]
    figures.sort(key=lambda f: f["rps"])
    return figures[(len(figures) - 1) // 2]


def main():
    runs, upstream, meta = load(sys.argv[1])
    rows = defaultdict(dict)  # (provider, op) -> variant -> figures
    order = []
    for label, rs in runs.items():
        variant, provider, op = label.split()
        if (provider, op) not in order:
            order.append((provider, op))
        rows[(provider, op)][variant] = median_run(rs, upstream.get(label, []))

    head = (f"{'provider op':<14}" + "".join(f"| {v + ' req/s':>14} {'p50':>6} {'p99':>6} {'p99.9':>6} "
                                              + (f"{'cpu':>5} " if v != "direct" else "") for v in VARIANTS)
            + f"| {'gw/nginx':>8} {'gw/direct':>9} {'Δp99':>6} {'cpu n/g':>7} | {'up/call':>7} {'chal':>5} {'err':>4}")
    print(head)
    print("-" * len(head))
    verdicts = []
    paired = []
    for provider, op in order:
        row = rows[(provider, op)]
        cells = f"{provider + ' ' + op:<14}"
        for v in VARIANTS:
            f = row.get(v)
            cells += (f"| {f['rps']:>14,.0f} {f['p50']:>6.2f} {f['p99']:>6.2f} {f['p999']:>6.2f} " if f
                      else f"| {'-':>14} {'-':>6} {'-':>6} {'-':>6} ")
            if v != "direct":
                cells += f"{_fmt(f['cpu_us'] if f else None, '5.0f')} "
        gw, ng, di = row.get("gateway"), row.get("nginx"), row.get("direct")
        ratio_n = gw["rps"] / ng["rps"] if gw and ng and ng["rps"] else None
        ratio_d = gw["rps"] / di["rps"] if gw and di and di["rps"] else None
        dp99 = gw["p99"] - ng["p99"] if gw and ng else None
        up = gw["up_requests"] / gw["requests"] if gw and gw["requests"] and gw["up_requests"] is not None else None
        chal = gw["up_challenges"] if gw else None
        errors = sum(f["errors"] for f in row.values())
        cpu_ratio = ng["cpu_us"] / gw["cpu_us"] if gw and ng and gw["cpu_us"] and ng["cpu_us"] else None
        ratios = paired_ratios(runs.get(f"gateway {provider} {op}", []), runs.get(f"nginx {provider} {op}", []))
        if len(ratios) >= 2:
            ratio_n = statistics.median(ratios)
            paired.append(f"{provider + ' ' + op:<14} median {ratio_n:.2f}  (min {min(ratios):.2f}, max "
                          f"{max(ratios):.2f}, {len(ratios)} pairs: {' '.join(f'{r:.2f}' for r in ratios)})")
        cells += (f"| {_fmt(ratio_n, '8.2f')} {_fmt(ratio_d, '9.2f')} {_fmt(dp99, '+6.2f')} {_fmt(cpu_ratio, '7.2f')} "
                  f"| {_fmt(up, '7.2f')} {_fmt(chal, '5d')} {errors:>4}")
        print(cells)
        if ratio_n is not None:
            if op == "get":
                ok = ratio_n >= GET_RATIO_TARGET and dp99 <= GET_P99_MARGIN_MS
                verdicts.append(f"{provider} GET: {ratio_n:.2f}x nginx (>= {GET_RATIO_TARGET}), p99 {dp99:+.2f} ms "
                                f"(<= +{GET_P99_MARGIN_MS}): {'met' if ok else 'MISSED'}")
            else:
                ok = ratio_n >= PATCH_RATIO_TARGET
                verdicts.append(f"{provider} PATCH: {ratio_n:.2f}x nginx (>= {PATCH_RATIO_TARGET}), "
                                f"{up:.2f} upstream calls per unified call: {'met' if ok else 'MISSED'}")
        if provider == "partner" and gw and gw["up_challenges"] is not None:
            verdicts.append(f"partner {op.upper()} Digest: {gw['up_challenges']} challenges in {gw['requests']} "
                            f"unified calls, {up:.3f} upstream requests per call")
    print()
    print("latencies in ms; req/s and percentiles from wrk (p99.9 via its done() hook); cpu = the proxy's CPU "
          "time (user + system) per request in µs, and cpu n/g = nginx's over the gateway's (above 1: the gateway "
          "spends less); up/call = upstream requests per gateway call (calls still in flight when wrk stops are "
          "counted by the mock, not by wrk: about +1%) and chal = Digest challenges, both counted by the mock; "
          "err = failed requests in all three variants")
    if meta:
        print(f"gateway peak RSS (VmHWM) {meta['gateway_vmhwm_kb'] / 1024:.1f} MB, RSS at end "
              f"{meta['gateway_vmrss_kb'] / 1024:.1f} MB; wrk -t{meta['wrk_threads']} -c{meta['connections']} "
              f"-d{meta['duration_s']}s; gateway listen.threads = nginx worker_processes = {meta['threads']}; "
              f"wrk + mocks ({meta['mock_threads']} thread) on CPU {meta['load_cpus']}, proxy on CPU "
              f"{meta['proxy_cpus']}; {meta['nproc']} CPUs; load average before {meta['load_before']}, "
              f"after {meta['load_after']}")
    if paired:
        print()
        print("gateway/nginx req/s within each nginx-then-gateway pair of runs (the gw/nginx column and the "
              "targets use the median of these):")
        for line in paired:
            print("  " + line)
    print()
    for v in verdicts:
        print("target:", v)


def _fmt(value, spec):
    if value is None:
        return f"{'-':>{int(spec.lstrip('+').split('.')[0].rstrip('d'))}}"
    return format(value, spec)


if __name__ == "__main__":
    main()
