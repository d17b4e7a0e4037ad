[ { } [ ] "" '''' (let in null) (rec { }) ]
