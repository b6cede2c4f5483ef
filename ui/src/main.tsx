import "@mantine/core/styles.css";
import { MantineProvider, localStorageColorSchemeManager } from "@mantine/core";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Provider } from "urql";
import { Router } from "wouter";
import { App } from "./app/App";
import { ConnectionContext, ConnectionStatus } from "./app/connection";
import { RefreshProvider } from "./app/refresh";
import { makeClient } from "./client";
import { readConfig, routerBase } from "./config";

const config = readConfig();
const connection = new ConnectionStatus();
const client = makeClient(config, connection);
const colorSchemeManager = localStorageColorSchemeManager({ key: "carrot-monitor-colour-scheme" });
const root = document.getElementById("root");

if (root) {
  createRoot(root).render(
    <StrictMode>
      <MantineProvider
        defaultColorScheme="auto"
        colorSchemeManager={colorSchemeManager}
        // The theme's variables and global classes come from styles.css and layout.module.css: no <style>
        // elements at run time, which a Content-Security-Policy of style-src 'self' would refuse.
        withCssVariables={false}
        withGlobalClasses={false}
      >
        <Provider value={client}>
          <ConnectionContext.Provider value={connection}>
            <RefreshProvider>
              <Router base={routerBase(config.baseUrl)}>
                <App config={config} />
              </Router>
            </RefreshProvider>
          </ConnectionContext.Provider>
        </Provider>
      </MantineProvider>
    </StrictMode>,
  );
}
