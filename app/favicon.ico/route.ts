// GET /favicon.ico — browsers ask for it whatever the page's <link rel="icon"> says; without it
// every such request is a 404 in the console. The app's icon is app/icon.svg (served as /icon.svg).
export function GET(request: Request): Response {
  return Response.redirect(new URL("/icon.svg", request.url), 308);
}
