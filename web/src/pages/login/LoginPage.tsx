// Sign in (auth on): user + password → session cookie, then back to where the user was.
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";

import { login } from "../../api/auth";
import { ErrorBox, Loading } from "../../components/DataState";
import { useAuth } from "../../auth/AuthContext";

// Only same-origin paths are followed after sign-in.
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/login")) return "/";
  return next;
}

export function LoginPage() {
  const auth = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [user, setUser] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get("next"));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(user, password);
      await auth.refresh();
      navigate(next, { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      setPassword("");
    }
  };

  return (
    <main id="main" className="login">
      <h1>Sign in to Cairn</h1>
      {auth.mode === "unknown" ? (
        <Loading />
      ) : auth.mode === "off" ? (
        <p>
          Authentication is off on this server: there is nothing to sign in to. Choose the acting user in the settings menu. <Link to={next}>Continue</Link>
        </p>
      ) : auth.me ? (
        <p>
          Signed in as <strong>{auth.me.name}</strong>. <Link to={next}>Continue</Link>
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="stack">
          <label htmlFor="login-user" className="lbl">
            User
          </label>
          <input id="login-user" autoComplete="username" value={user} onChange={(e) => setUser(e.target.value)} required autoFocus />
          <label htmlFor="login-password" className="lbl">
            Password
          </label>
          <input id="login-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
          {error !== null && <ErrorBox error={error} title="Sign-in refused" />}
        </form>
      )}
    </main>
  );
}
