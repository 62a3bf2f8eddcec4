// The console frame: navigation, the user menu (auth on) or the acting-user settings (auth
// off), and the routed page.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { NavLink, Outlet, useLocation, useNavigate } from "react-router";

import { useAuth, whoAmI } from "../auth/AuthContext";
import { Loading } from "./DataState";

const NAV = [
  ["/", "Home"],
  ["/experiments", "Experiments"],
  ["/models", "Models"],
  ["/deployments", "Deployments"],
  ["/drift", "Drift"],
  ["/features", "Features"],
  ["/datasets", "Datasets"],
  ["/evaluation", "Evaluation"],
  ["/prompts", "Prompts"],
  ["/audit", "Audit log"],
] as const;

function useDismiss(open: boolean, close: () => void) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) close();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") close();
    };
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open, close]);
  return ref;
}

function SettingsMenu() {
  const auth = useAuth();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(auth.actingUser);
  const ref = useDismiss(open, () => setOpen(false));
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    auth.setActingUser(name);
    setOpen(false);
  };
  return (
    <div className="menu" ref={ref}>
      <button type="button" className="btn btn-plain" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        Acting as <strong data-testid="acting-user">{whoAmI(auth)}</strong>
      </button>
      {open && (
        <form id={id} className="menu-panel" onSubmit={submit} aria-label="Settings">
          <p className="hint">Authentication is off on this server: writes are attributed to the name below (sent as X-Cairn-User).</p>
          <label htmlFor={`${id}-user`}>Acting user</label>
          <input id={`${id}-user`} value={name} onChange={(e) => setName(e.target.value)} placeholder="anonymous" autoFocus />
          <div className="row">
            <button type="submit" className="btn btn-primary">
              Save
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

function UserMenu() {
  const auth = useAuth();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const ref = useDismiss(open, () => setOpen(false));
  const id = useId();
  if (!auth.me) return null;
  return (
    <div className="menu" ref={ref}>
      <button type="button" className="btn btn-plain" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {auth.me.display_name || auth.me.name} <span className="badge tone-info">{auth.me.role}</span>
      </button>
      {open && (
        <div id={id} className="menu-panel" role="group" aria-label="User">
          <p>
            Signed in as <strong>{auth.me.name}</strong>
          </p>
          <p>Role: {auth.me.role}</p>
          <button
            type="button"
            className="btn btn-plain"
            onClick={() => {
              void auth.signOut().then(() => navigate("/login"));
            }}
          >
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}

export function Layout() {
  const auth = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const needsLogin = auth.mode === "on" && !auth.me && location.pathname !== "/login";
  useEffect(() => {
    if (needsLogin) navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
  }, [needsLogin, navigate, location]);

  return (
    <div className="app">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <img src="/favicon.svg" alt="" width="22" height="22" /> Cairn
        </div>
        <ul>
          {NAV.map(([to, label]) => (
            <li key={to}>
              <NavLink to={to} end={to === "/"}>
                {label}
              </NavLink>
            </li>
          ))}
        </ul>
        <a className="docs-link" href="/docs/index.html">
          API docs
        </a>
      </nav>
      <div className="content">
        <header className="topbar">
          <span />
          {auth.mode === "off" && <SettingsMenu />}
          {auth.mode === "on" && <UserMenu />}
        </header>
        <main id="main" tabIndex={-1}>
          {/* Pages start their requests at once, without waiting for the auth-mode probe: with
              auth on, an unauthenticated request's 401 leads to the login page anyway. */}
          {needsLogin ? <Loading /> : <Outlet />}
        </main>
      </div>
    </div>
  );
}
