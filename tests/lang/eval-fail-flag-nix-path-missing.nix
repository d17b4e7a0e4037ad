<nonexistent-entry>
