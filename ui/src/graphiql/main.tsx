import "graphiql/style.css";
import "./page.css";
import { GraphiQL } from "graphiql";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { readCsrfToken, readJsonScript } from "../config";
import { parseGraphiQLConfig } from "./config";
import { makeFetcher } from "./fetcher";

// GraphiQL from carrot's own static files: served by carrot/graphiql.py at a browser GET of the API.
const config = parseGraphiQLConfig(readJsonScript("carrot-graphiql-config"), window.location.pathname);
const fetcher = makeFetcher(config.url, readCsrfToken(), (url, init) => window.fetch(url, init));
const root = document.getElementById("graphiql");

if (root) {
  createRoot(root).render(
    <StrictMode>
      <GraphiQL
        fetcher={fetcher}
        isHeadersEditorEnabled={config.headerEditor}
        shouldPersistHeaders={config.persistHeaders}
        inputValueDeprecation={config.inputValueDeprecation}
      />
    </StrictMode>,
  );
}
