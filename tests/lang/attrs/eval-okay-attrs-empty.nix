[ { } (rec { }) (let in { }) ]
