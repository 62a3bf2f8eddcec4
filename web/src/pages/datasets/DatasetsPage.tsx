import { useMemo, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";

import { useDatasets, useUploadDataset } from "../../api/hooks/features";
import { Empty, ErrorBox, Loading } from "../../components/DataState";
import { ActionButton, Field, fmtBytes, LoadMore, PageHeader, Time } from "../../components/ui";
import { str, useUrlState } from "../../lib/urlState";

const schema = { name: str() };

function Upload() {
  const up = useUploadDataset();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setProgress({ loaded: 0, total: file.size });
    up.mutate(
      { file, name: name || file.name.replace(/\.csv$/i, ""), description, onProgress: (loaded, total) => setProgress({ loaded, total }) },
      { onSuccess: (d) => navigate(`/datasets/${d.id}`) },
    );
  };
  const pct = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  return (
    <form className="panel" onSubmit={submit} aria-label="Upload a CSV dataset">
      <h2>Upload a CSV</h2>
      <div className="filters">
        <div className="field">
          <label htmlFor="csv-file">CSV file (header row, UTF-8)</label>
          <input id="csv-file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <Field label="Name">{(id) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} placeholder={file?.name.replace(/\.csv$/i, "") ?? ""} />}</Field>
        <Field label="Description">{(id) => <input id={id} value={description} onChange={(e) => setDescription(e.target.value)} />}</Field>
        <ActionButton type="submit" variant="primary" action="datasets.write" disabled={!file || up.isPending}>
          Upload
        </ActionButton>
      </div>
      {progress && (
        <div data-testid="upload-progress">
          <progress className="progress" max={100} value={pct} aria-label="Upload progress" />
          <span className="muted">
            {pct}% · {fmtBytes(progress.loaded)} of {fmtBytes(progress.total)}
            {up.isPending && pct === 100 ? " — profiling on the server…" : ""}
          </span>
        </div>
      )}
      {up.isError && <ErrorBox error={up.error} title="The server refused this file (nothing was stored)" />}
    </form>
  );
}

export function DatasetsPage() {
  const [s, set] = useUrlState(schema);
  const q = useDatasets(s.name);
  const items = useMemo(() => q.data?.pages.flatMap((p) => p.items ?? []) ?? [], [q.data]);
  return (
    <section>
      <PageHeader title="Datasets" subtitle="CSV files ingested into typed column files, with per-column profiles." />
      <Upload />
      <div className="filters" role="search">
        <Field label="Name">{(id) => <input id={id} value={s.name} onChange={(e) => set({ name: e.target.value.trim() })} />}</Field>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorBox error={q.error} />
      ) : items.length === 0 ? (
        <Empty>No datasets yet: upload a CSV above.</Empty>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="data">
            <thead>
              <tr>
                <th>Name</th>
                <th className="num">Rows</th>
                <th className="num">Columns</th>
                <th className="num">Size</th>
                <th>By</th>
                <th>Created</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`/datasets/${d.id}`}>{d.name}</Link>
                  </td>
                  <td className="num">{d.row_count?.toLocaleString()}</td>
                  <td className="num">{Object.keys(d.schema ?? {}).length}</td>
                  <td className="num">{fmtBytes(d.size_bytes)}</td>
                  <td>{d.created_by}</td>
                  <td>
                    <Time value={d.created_at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore query={q} />
    </section>
  );
}
