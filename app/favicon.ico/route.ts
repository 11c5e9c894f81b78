// GET /favicon.ico — browsers ask for it whatever the page's <link rel="icon"> says; without it
// every such request is a 404 in the console. The app's icon is app/icon.svg (served as /icon.svg).
// A relative Location, so it stays right behind a reverse proxy.
export function GET(): Response {
  return new Response(null, { status: 308, headers: { location: "/icon.svg" } });
}
