/** The Vue page of the end-to-end test: generated composables against the live samples/hello. */
import { createClient } from "@mizan/base";
import { createApp, defineComponent, h, ref } from "vue";
import { greeting, type Greeting } from "../generated/mizan.js";
import { keepPreviousData, mizanPlugin, useGreeting, useLetters, useSetGreeting } from "../generated/mizan.vue.js";
import { appBase, show } from "./base.js";

const App = defineComponent({
  setup() {
    const current = useGreeting();
    // Optimistic: the new greeting shows at once; rolled back if the server refuses it.
    const setGreeting = useSetGreeting({
      onMutate: (args, { setData }) => setData(greeting, {}, (old): Greeting => ({ ...old, ...args })),
    });
    const page = ref(0);
    const letters = useLetters(() => ({ page: page.value }), { placeholderData: keepPreviousData });
    return () =>
      h("main", [
        h("h1", "Vue"),
        h("p", { id: "status" }, current.status.value),
        h("p", { id: "greeting" }, show(current.data.value)),
        h("button", { id: "set", disabled: setGreeting.isPending.value, onClick: () => setGreeting.mutate({ text: "Hello from Vue", exclamations: 3 }) }, "Set greeting"),
        h("p", { id: "letters", "data-placeholder": String(letters.isPlaceholderData.value) }, letters.data.value?.join(" ") ?? "…"),
        h("button", { id: "next-page", onClick: () => page.value++ }, "Next page"),
      ]);
  },
});

createApp(App).use(mizanPlugin(createClient({ baseUrl: appBase() }))).mount("#app");
