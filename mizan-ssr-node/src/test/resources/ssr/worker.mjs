export function render() { return { html: "<p>the bundle</p>" }; }
