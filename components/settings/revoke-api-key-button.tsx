"use client";

import { useState, useTransition } from "react";
import { revokeApiKeyAction } from "@/app/actions/api-keys";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, useDialog } from "@/components/ui/confirm-dialog";

export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  const dialog = useDialog();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function confirm() {
    setError(null);
    startTransition(async () => {
      const result = await revokeApiKeyAction(id);
      if (result.ok) dialog.close();
      else setError(result.error);
    });
  }

  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        className="text-rose-700 hover:bg-rose-50 hover:text-rose-800 dark:text-rose-300 dark:hover:bg-rose-400/10 dark:hover:text-rose-200"
        aria-label={`Revoke ${name}`}
        onClick={() => {
          setError(null);
          dialog.open();
        }}
      >
        Revoke
      </Button>
      <ConfirmDialog dialogRef={dialog.ref} title={`Revoke “${name}”?`} confirmLabel="Revoke key" pending={pending} error={error} onConfirm={confirm}>
        Anything using this key, a script or an AI assistant, is refused from now on. This cannot be undone; create a new key if it is
        needed again.
      </ConfirmDialog>
    </>
  );
}
