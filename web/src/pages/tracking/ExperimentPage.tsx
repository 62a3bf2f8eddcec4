import type { ColumnDef } from "@tanstack/react-table";
import { useCallback, useMemo } from "react";
import { Link, useParams } from "react-router";

import { useExperiment, useRunsInfinite } from "../../api/hooks/tracking";
import type { Run } from "../../api/types";
import { ErrorBox, Loading, Empty } from "../../components/DataState";
import { FilterBox, fieldError } from "../../components/FilterBox";
import { VirtualTable } from "../../components/VirtualTable";
import { Badge, fmtNum, PageHeader, Time } from "../../components/ui";
import { list, oneOf, str, useUrlState } from "../../lib/urlState";
import { availableKeys, cellValue, orderByFor, parseColumn, parseOrderBy, type RunColumn } from "./columns";

const MAX_COMPARE = 100;
const OVERSCAN = 3; // rows rendered beyond each edge of the viewport
const DEFAULT_METRIC_COLUMNS = 6;
const schema = {
  filter: str(),
  order: str(),
  status: oneOf(["", "running", "completed", "failed", "killed"] as const, ""),
  cols: list,
  sel: list,
};

function ColumnPicker({ keys, chosen, onChange }: { keys: ReturnType<typeof availableKeys>; chosen: string[]; onChange: (c: string[]) => void }) {
  const toggle = (id: string) => onChange(chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id]);
  return (
    <details className="panel column-picker">
      <summary>Columns ({chosen.length})</summary>
      <div className="grid">
        {(["metrics", "params", "tags"] as const).map((kind) => (
          <fieldset key={kind}>
            <legend>{kind}</legend>
            {keys[kind].length === 0 && <span className="muted">none in the loaded runs</span>}
            {keys[kind].map((k) => {
              const id = `${kind}.${k}`;
              return (
                <label key={id} style={{ display: "block" }}>
                  <input type="checkbox" checked={chosen.includes(id)} onChange={() => toggle(id)} /> {k}
                </label>
              );
            })}
          </fieldset>
        ))}
      </div>
    </details>
  );
}

export function ExperimentPage() {
  const name = useParams().name ?? "";
  const [s, set] = useUrlState(schema);
  const exp = useExperiment(name);
  const runs = useRunsInfinite({ experiment_name: name, filter: s.filter, order_by: s.order, status: s.status });
  const loaded = useMemo(() => runs.data?.pages.flatMap((p) => p.items) ?? [], [runs.data]);
  const keys = useMemo(() => availableKeys(loaded.slice(0, 500)), [loaded]);
  const chosen = s.cols.length > 0 ? s.cols : keys.metrics.slice(0, DEFAULT_METRIC_COLUMNS).map((k) => `metrics.${k}`);
  const sort = parseOrderBy(s.order);
  const selected = useMemo(() => new Set(s.sel), [s.sel]);

  const toggleRun = useCallback(
    (id: string) => {
      const next = selected.has(id) ? s.sel.filter((x) => x !== id) : [...s.sel, id].slice(0, MAX_COMPARE);
      set({ sel: next });
    },
    [selected, s.sel, set],
  );

  const columns = useMemo<ColumnDef<Run>[]>(() => {
    const picked = chosen.map(parseColumn).filter((c): c is RunColumn => c !== null);
    return [
      {
        id: "select",
        header: () => <span className="sr-only">Select</span>,
        size: 36,
        cell: (c) => (
          <input
            type="checkbox"
            aria-label={`Select run ${c.row.original.name || c.row.original.run_id}`}
            checked={selected.has(c.row.original.run_id ?? "")}
            onChange={() => toggleRun(c.row.original.run_id ?? "")}
          />
        ),
      },
      {
        id: "attributes.name",
        header: "Run",
        size: 180,
        cell: (c) => <Link to={`/runs/${c.row.original.run_id}`}>{c.row.original.name || c.row.original.run_id?.slice(0, 8)}</Link>,
      },
      { id: "attributes.status", header: "Status", size: 90, cell: (c) => <Badge value={c.row.original.status} /> },
      { id: "attributes.start_time", header: "Started", size: 170, cell: (c) => <Time value={c.row.original.start_time} /> },
      { id: "attributes.created_by", header: "By", size: 90, cell: (c) => c.row.original.created_by },
      ...picked.map<ColumnDef<Run>>((col) => ({
        id: col.id,
        header: col.kind === "metrics" ? col.key : `${col.kind === "params" ? "param" : "tag"}: ${col.key}`,
        size: 110,
        meta: { numeric: col.kind === "metrics" },
        cell: (c) => {
          const v = cellValue(c.row.original, col);
          return typeof v === "number" ? fmtNum(v) : (v ?? "");
        },
      })),
    ];
  }, [chosen, selected, toggleRun]);

  const onSort = useCallback(
    (id: string) => {
      if (id === "select") return;
      const desc = sort?.id === id ? !sort.desc : true;
      set({ order: orderByFor(id, desc) });
    },
    [sort, set],
  );

  const queryError = runs.isError ? runs.error : null;
  const filterErr = fieldError(queryError, "filter") || fieldError(queryError, "order_by");
  const runCount = exp.data?.run_count;

  return (
    <section>
      {exp.isPending ? (
        <Loading />
      ) : exp.isError ? (
        <ErrorBox error={exp.error} />
      ) : (
        <>
          <PageHeader
            title={
              <>
                <Link to="/experiments">Experiments</Link> / {exp.data.name}
              </>
            }
            subtitle={exp.data.description}
          >
            <Badge value={exp.data.status} />
            <Link
              className={`btn btn-primary${s.sel.length < 2 ? " disabled" : ""}`}
              aria-disabled={s.sel.length < 2}
              to={s.sel.length >= 2 ? `/compare?runs=${s.sel.join(",")}` : "#"}
              onClick={(e) => s.sel.length < 2 && e.preventDefault()}
            >
              Compare {s.sel.length} selected
            </Link>
          </PageHeader>
          <div className="row" style={{ marginBottom: 10 }}>
            <span>
              {runCount ?? 0} runs · owner {exp.data.owner || "—"}
            </span>
            <span className="muted">
              {Object.entries(exp.data.run_counts ?? {})
                .filter(([, n]) => n > 0)
                .map(([st, n]) => `${n} ${st}`)
                .join(" · ")}
            </span>
          </div>
        </>
      )}
      <div className="filters" role="search">
        <FilterBox value={s.filter} onApply={(filter) => set({ filter })} error={queryError} />
        <FilterBox value={s.order} onApply={(order) => set({ order })} error={queryError} field="order_by" label="Order by" placeholder="metrics.auc DESC" />
        <div className="field">
          <label className="lbl" htmlFor="run-status">
            Status
          </label>
          <select id="run-status" value={s.status} onChange={(e) => set({ status: e.target.value as typeof s.status })}>
            <option value="">any</option>
            <option value="running">running</option>
            <option value="completed">completed</option>
            <option value="failed">failed</option>
            <option value="killed">killed</option>
          </select>
        </div>
      </div>
      <ColumnPicker keys={keys} chosen={chosen} onChange={(cols) => set({ cols })} />
      {s.sel.length > 0 && (
        <p className="row">
          {s.sel.length} selected (up to {MAX_COMPARE}){" "}
          <button type="button" className="btn btn-plain" onClick={() => set({ sel: [] })}>
            Clear selection
          </button>
        </p>
      )}
      {runs.isPending ? (
        <Loading what="Loading runs" />
      ) : queryError && !filterErr ? (
        <ErrorBox error={queryError} />
      ) : filterErr ? null : loaded.length === 0 ? (
        <Empty>No runs{s.filter || s.status ? " match this search" : " in this experiment yet"}.</Empty>
      ) : (
        <VirtualTable
          data={loaded}
          columns={columns}
          label={`Runs of ${name}`}
          getRowId={(r) => r.run_id ?? ""}
          sort={sort}
          onSort={onSort}
          sortable={(id) => id !== "select"}
          overscan={OVERSCAN}
          hasMore={runs.hasNextPage}
          loadingMore={runs.isFetchingNextPage}
          onEndReached={() => void runs.fetchNextPage()}
          footer={
            <p className="muted" style={{ padding: "4px 10px", margin: 0 }} data-testid="runs-loaded">
              {loaded.length.toLocaleString()} runs loaded{runs.hasNextPage ? " — more load as you scroll" : ""}
            </p>
          }
        />
      )}
    </section>
  );
}
