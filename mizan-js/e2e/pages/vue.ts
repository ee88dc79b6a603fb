/** The Vue page of the end-to-end test: generated composables against the live samples/hello. */
import { createClient } from "@mizan/base";
import { createApp, defineComponent, h } from "vue";
import { mizanPlugin, setGreeting, useGreeting, useMizanClient, useMutation } from "../generated/mizan.vue.js";
import * as api from "../generated/mizan.js";
import { appBase, show } from "./base.js";

const App = defineComponent({
  setup() {
    const greeting = useGreeting();
    const client = useMizanClient();
    const mutation = useMutation(api.setGreeting);
    return () =>
      h("main", [
        h("h1", "Vue"),
        h("p", { id: "status" }, greeting.status.value),
        h("p", { id: "greeting" }, show(greeting.data.value)),
        // a plain call with the injected client; `mutation` only shows the pending state
        h("button", { id: "set", disabled: mutation.pending.value, onClick: () => void setGreeting({ text: "Hello from Vue", exclamations: 3 }, client) }, "Set greeting"),
      ]);
  },
});

createApp(App).use(mizanPlugin(createClient({ baseUrl: appBase() }))).mount("#app");
