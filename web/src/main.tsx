import "./styles.css";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";

import { ApiError } from "./api/errors";
import { setUnauthenticatedHandler } from "./api/session";
import { AuthProvider } from "./auth/AuthContext";
import { router } from "./routes";

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      refetchOnWindowFocus: false,
      // Client errors will not change on retry; server/network errors get one more try.
      retry: (n, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && n < 1,
    },
  },
});

// 401 anywhere: back to the login page, then to where the user was.
setUnauthenticatedHandler(() => {
  const here = window.location.pathname + window.location.search;
  if (window.location.pathname === "/login") return;
  void queryClient.invalidateQueries({ queryKey: ["auth-me"] });
  void router.navigate(`/login?next=${encodeURIComponent(here)}`, { replace: true });
});

const root = document.getElementById("root");
if (!root) throw new Error("no #root element");
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </QueryClientProvider>
  </StrictMode>,
);
