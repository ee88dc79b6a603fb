import { defineComponent, h, onMounted, onUnmounted, ref, shallowRef } from "vue";

export const VuePage = defineComponent({
  props: { client: Object, title: String },
  setup(props) {
    const handle = props.client.registerContext("todos", { list: 3 });
    const state = shallowRef(handle.getState());
    const clicks = ref(0);
    let off;
    onMounted(() => { off = handle.subscribe(() => { state.value = handle.getState(); }); });
    onUnmounted(() => off && off());
    return () => h("main", [
      h("h1", props.title),
      h("ul", (state.value.data ?? []).map((t) => h("li", { key: t.id }, t.title))),
      h("button", { id: "inc", onClick: () => clicks.value++ }, `clicked ${clicks.value}`),
    ]);
  },
});
