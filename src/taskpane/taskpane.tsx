import { FluentProvider, Text, Title2, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";

function App() {
  return (
    <FluentProvider theme={webLightTheme} style={{ padding: 16 }}>
      <Title2 as="h1">Infusion Planner</Title2>
      <Text as="p">Loading…</Text>
    </FluentProvider>
  );
}

void Office.onReady(() => {
  const container = document.getElementById("root");
  if (container) createRoot(container).render(<App />);
});
