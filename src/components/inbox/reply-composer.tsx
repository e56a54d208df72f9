"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button, Callout, FormField, Input, Textarea, toast } from "@/components/ui";
import { errorDetails } from "@/lib/trpc-errors";
import { useTRPC } from "@/trpc/react";
import type { ThreadData } from "./types";

/**
 * Knows the channel's window: open → reply; Instagram/Messenger up to 7 days with HUMAN_AGENT for
 * approved customers; WhatsApp outside it → explains that a template is required.
 */
export function ReplyComposer({ conversation, canReply }: { conversation: ThreadData["conversation"]; canReply: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  const [mediaUrl, setMediaUrl] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const reply = useMutation(
    trpc.inbox.reply.mutationOptions({
      onSuccess: () => {
        setText("");
        setMediaUrl("");
        setErrors({});
        toast.success("Reply sent");
      },
      onError: (err) => {
        const details = errorDetails(err);
        setErrors(details.fieldErrors);
        toast.error(details.message);
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.inbox.pathKey() }),
    }),
  );

  if (!canReply) return <p className="border-t border-line p-4 text-sm text-slate-600">Your role can read the inbox but not reply.</p>;
  const w = conversation.window;
  if (w.state === "closed" || w.state === "template_required") {
    return (
      <div className="border-t border-line p-4" data-testid="window-closed">
        <Callout tone={w.state === "template_required" ? "warning" : "info"} title="You cannot reply right now">
          {conversation.windowMessage}
        </Callout>
      </div>
    );
  }

  function submit(event: Pick<FormEvent, "preventDefault">) {
    event.preventDefault();
    if (!text.trim() && !mediaUrl.trim()) {
      setErrors({ text: "Write a message or add a media link." });
      return;
    }
    reply.mutate({ conversationId: conversation.id, text: text.trim() || undefined, mediaUrl: mediaUrl.trim() || undefined });
  }

  return (
    <form onSubmit={submit} className="space-y-3 border-t border-line bg-surface p-4" aria-label="Reply">
      {w.state === "human_agent" ? (
        <p className="text-xs text-brand-800">Outside the 24-hour window: sent with the HUMAN_AGENT tag (a person must write this reply).</p>
      ) : null}
      <FormField label="Reply" id="reply-text" error={errors.text} hideLabel>
        <Textarea
          id="reply-text"
          rows={3}
          maxLength={1000}
          placeholder={`Reply on ${conversation.channel.toLowerCase()}…`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) submit(e);
          }}
        />
      </FormField>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <FormField label="Media link (optional)" id="reply-media" error={errors.mediaUrl} className="flex-1">
          <Input id="reply-media" type="url" inputMode="url" placeholder="https://…" value={mediaUrl} onChange={(e) => setMediaUrl(e.target.value)} />
        </FormField>
        <Button type="submit" loading={reply.isPending}>
          Send
        </Button>
      </div>
      <p className="text-xs text-slate-500">Ctrl/⌘ + Enter sends.</p>
    </form>
  );
}
