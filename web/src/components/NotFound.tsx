import { Link, useLocation } from "react-router";

import { PageHeader } from "./ui";

export function NotFound() {
  const loc = useLocation();
  return (
    <section>
      <PageHeader title="Page not found" />
      <p>
        There is no console page at <code>{loc.pathname}</code>. <Link to="/">Go home</Link>.
      </p>
    </section>
  );
}
