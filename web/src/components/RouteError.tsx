import { isRouteErrorResponse, Link, useRouteError } from "react-router";

import { ErrorBox } from "./DataState";

export function RouteError() {
  const e = useRouteError();
  return (
    <main id="main" className="route-error">
      <h1>Something went wrong</h1>
      {isRouteErrorResponse(e) ? <p>{e.status} {e.statusText}</p> : <ErrorBox error={e} />}
      <Link to="/">Back to the home page</Link>
    </main>
  );
}
