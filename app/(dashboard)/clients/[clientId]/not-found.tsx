import { NotFoundContent } from "@/components/layout/not-found-content";

export default function ClientNotFound() {
  return (
    <NotFoundContent title="Client not found">
      No client has this ID. It may have been mistyped, or the link points to a client on another ClientPulse server.
    </NotFoundContent>
  );
}
